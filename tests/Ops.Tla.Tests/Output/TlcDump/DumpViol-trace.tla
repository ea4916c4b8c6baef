---- MODULE t ----
LOCAL INSTANCE TLC

CounterExample == 
	[action |-> {<<<<1, [cnt |-> 1, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<>>]>>, [name |-> "Up", location |-> [beginLine |-> 5, beginColumn |-> 7, endLine |-> 5, endColumn |-> 67, module |-> "DumpViol"]], <<2, [cnt |-> 2, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<1>>]>>>>, <<<<2, [cnt |-> 2, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<1>>]>>, [name |-> "Up", location |-> [beginLine |-> 5, beginColumn |-> 7, endLine |-> 5, endColumn |-> 67, module |-> "DumpViol"]], <<3, [cnt |-> 3, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<1, 2>>]>>>>}, state |-> {<<1, [cnt |-> 1, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<>>]>>, <<2, [cnt |-> 2, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<1>>]>>, <<3, [cnt |-> 3, flags |-> [p |-> FALSE, q |-> FALSE], hist |-> <<1, 2>>]>>}]

====