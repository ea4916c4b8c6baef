---- MODULE t ----
LOCAL INSTANCE TLC

CounterExample == 
	[action |-> {<<<<1, [a |-> 0, b |-> 0]>>, [name |-> "Step", location |-> [beginLine |-> 5, beginColumn |-> 9, endLine |-> 5, endColumn |-> 37, module |-> "Lasso"]], <<2, [a |-> 1, b |-> 0]>>>>, <<<<2, [a |-> 1, b |-> 0]>>, [name |-> "Step", location |-> [beginLine |-> 5, beginColumn |-> 9, endLine |-> 5, endColumn |-> 37, module |-> "Lasso"]], <<3, [a |-> 2, b |-> 0]>>>>, <<<<3, [a |-> 2, b |-> 0]>>, [name |-> "Back", location |-> [beginLine |-> 6, beginColumn |-> 9, endLine |-> 6, endColumn |-> 33, module |-> "Lasso"]], <<2, [a |-> 1, b |-> 0]>>>>}, state |-> {<<1, [a |-> 0, b |-> 0]>>, <<2, [a |-> 1, b |-> 0]>>, <<3, [a |-> 2, b |-> 0]>>}]

====