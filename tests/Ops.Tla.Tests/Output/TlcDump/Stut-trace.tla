---- MODULE t ----
LOCAL INSTANCE TLC

CounterExample == 
	[action |-> {<<<<1, [a |-> 0]>>, [name |-> "Next", location |-> [beginLine |-> 5, beginColumn |-> 9, endLine |-> 5, endColumn |-> 27, module |-> "Stut"]], <<2, [a |-> 1]>>>>}, state |-> {<<1, [a |-> 0]>>, <<2, [a |-> 1]>>}]

====