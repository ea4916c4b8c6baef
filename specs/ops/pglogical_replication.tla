------------------------- MODULE pglogical_replication -------------------------
(***************************************************************************)
(* Does the subscriber end up equal to the provider for every table a      *)
(* pglogical replication plan claims to replicate?                         *)
(*                                                                         *)
(* Ops.Pglogical binds the plan to the constants below (one representative *)
(* per kind of table, named "t1", "t2", ...; sequences "s1", ...) and      *)
(* explains a counterexample in the plan's own words.  What pglogical does *)
(* was measured on PostgreSQL 15 + pglogical 2.4.2:                        *)
(*  - a change is sent only if the table is in a replication set that      *)
(*    replicates that kind of change (default_insert_only: INSERT and      *)
(*    TRUNCATE);                                                           *)
(*  - adding a partitioned parent replicates nothing of its partitions:    *)
(*    each leaf is replicated (or not) by its own membership;              *)
(*  - a row filter is evaluated on the new row for INSERT and UPDATE; for  *)
(*    a DELETE on the old row as sent, which holds only the replica        *)
(*    identity columns: a filter on other columns sees NULLs and drops the *)
(*    DELETE (BlindDelete);                                                *)
(*  - the subscriber skips an UPDATE whose row it does not have, applies   *)
(*    an INSERT over an existing row (apply_remote) and a DELETE of a      *)
(*    missing row is a no-op;                                              *)
(*  - the initial copy (synchronize_data) applies the row filter;          *)
(*  - a synchronised sequence lands on the subscriber ahead of the         *)
(*    provider.                                                            *)
(* Tables are independent, so one behaviour exercises one group (a table,  *)
(* or a partitioned parent with its leaves, or a sequence): the state      *)
(* space grows with the number of groups, not exponentially.               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Tables,       \* every table of the model (leaf tables, partitioned parents)
    Claimed,      \* the tables the plan claims the subscriber will match
    Leaves,       \* <<leaf, parent>> pairs: the leaf partitions of partitioned parents
    Writes,       \* <<table, op>>: op (INSERT, UPDATE, DELETE, TRUNCATE) can happen on the provider
    Replicates,   \* <<table, op>>: the table's replication set replicates op
    Filtered,     \* tables with a row filter (rows valued "in" match it, "out" do not)
    BlindDelete,  \* filtered tables whose filter reads columns a DELETE does not send
    Unsynced,     \* tables added with synchronize_data := false
    Preloaded,    \* tables that already hold rows on the provider
    Sequences,    \* sequences of the model
    SeqReplicated,\* sequences in a replication set
    SeqClaimed,   \* sequences the subscriber must keep ahead of the provider (owned by claimed tables or added)
    MaxOps        \* how many provider operations one behaviour makes

Ops == {"INSERT", "UPDATE", "DELETE", "TRUNCATE"}
Vals == {"in", "out"}
None == "none"

ParentOf(t) == {p \in Tables : <<t, p>> \in Leaves}
IsParent(t) == \E l \in Tables : <<l, t>> \in Leaves
\* The tables that hold rows: everything but partitioned parents.
Heaps == {t \in Tables : ~IsParent(t)}
\* A group: a heap table, or a claimed parent with its leaves; or a sequence.
GroupOf(t) == IF IsParent(t) THEN {t} \cup {l \in Tables : <<l, t>> \in Leaves} ELSE {t}
Groups == {GroupOf(t) : t \in Claimed} \cup {{s} : s \in SeqClaimed}

Matches(t, v) == t \notin Filtered \/ v = "in"
Sends(t, op) == <<t, op>> \in Replicates

VARIABLES focus, prov, sub, queue, budget, pseq, sseq, dirty,
    last   \* the step just taken: op (INSERT ... APPLY, NEXTVAL, SYNC), change, table, value, sent?

vars == <<focus, prov, sub, queue, budget, pseq, sseq, dirty, last>>

Init ==
    /\ focus \in Groups
    /\ prov = [t \in Heaps |-> IF t \in Preloaded THEN "in" ELSE None]
    \* the initial copy: filtered, and only when the table is synchronised
    /\ sub = [t \in Heaps |-> IF t \in Preloaded /\ t \notin Unsynced /\ \E op \in Ops : Sends(t, op)
                              THEN "in" ELSE None]
    /\ queue = <<>>
    /\ budget = MaxOps
    /\ pseq = [s \in Sequences |-> 1]
    /\ sseq = [s \in Sequences |-> IF s \in SeqReplicated THEN 1 ELSE 0]
    /\ dirty = {}
    /\ last = [op |-> "START", change |-> "", t |-> "", v |-> None, sent |-> FALSE]

Provider(t, op, v, send) ==
    /\ t \in focus /\ t \in Heaps /\ <<t, op>> \in Writes /\ budget > 0
    /\ budget' = budget - 1
    /\ prov' = [prov EXCEPT ![t] = v]
    /\ queue' = IF send THEN Append(queue, [op |-> op, t |-> t, v |-> v]) ELSE queue
    /\ last' = [op |-> op, change |-> op, t |-> t, v |-> v, sent |-> send]
    /\ UNCHANGED <<focus, sub, pseq, sseq, dirty>>

Insert(t, v) == prov[t] = None /\ Provider(t, "INSERT", v, Sends(t, "INSERT") /\ Matches(t, v))
Update(t, v) == prov[t] \notin {None, v} /\ Provider(t, "UPDATE", v, Sends(t, "UPDATE") /\ Matches(t, v))
Delete(t) ==
    /\ prov[t] /= None
    /\ Provider(t, "DELETE", None, Sends(t, "DELETE") /\ (t \notin Filtered \/ (t \notin BlindDelete /\ prov[t] = "in")))
Truncate(t) == Provider(t, "TRUNCATE", None, Sends(t, "TRUNCATE"))

\* The subscriber applies the oldest change in commit order.
Apply ==
    /\ queue /= <<>>
    /\ LET c == Head(queue) IN
        sub' = [sub EXCEPT ![c.t] = CASE c.op = "INSERT" -> c.v
                                      [] c.op = "UPDATE" -> IF @ = None THEN None ELSE c.v
                                      [] OTHER -> None]
    /\ queue' = Tail(queue)
    /\ last' = [op |-> "APPLY", change |-> Head(queue).op, t |-> Head(queue).t, v |-> Head(queue).v, sent |-> TRUE]
    /\ UNCHANGED <<focus, prov, budget, pseq, sseq, dirty>>

NextVal(s) ==
    /\ s \in focus /\ budget > 0
    /\ budget' = budget - 1
    /\ pseq' = [pseq EXCEPT ![s] = @ + 1]
    /\ dirty' = IF s \in SeqReplicated THEN dirty \cup {s} ELSE dirty
    /\ last' = [op |-> "NEXTVAL", change |-> "NEXTVAL", t |-> s, v |-> None, sent |-> s \in SeqReplicated]
    /\ UNCHANGED <<focus, prov, sub, queue, sseq>>

\* pglogical copies a replicated sequence's value now and then, with a margin.
SyncSeq(s) ==
    /\ s \in dirty
    /\ sseq' = [sseq EXCEPT ![s] = pseq[s] + 1]
    /\ dirty' = dirty \ {s}
    /\ last' = [op |-> "SYNC", change |-> "SYNC", t |-> s, v |-> None, sent |-> TRUE]
    /\ UNCHANGED <<focus, prov, sub, queue, budget, pseq>>

Next ==
    \/ \E t \in Heaps, v \in Vals : Insert(t, v) \/ Update(t, v)
    \/ \E t \in Heaps : Delete(t) \/ Truncate(t)
    \/ Apply
    \/ \E s \in Sequences : NextVal(s) \/ SyncSeq(s)

Spec == Init /\ [][Next]_vars

\* Everything sent has been applied.
Quiescent == queue = <<>> /\ dirty = {}

Expected(t) == IF prov[t] /= None /\ Matches(t, prov[t]) THEN prov[t] ELSE None
RowsOf(t) == IF IsParent(t) THEN {l \in Heaps : <<l, t>> \in Leaves} ELSE {t}

\* Once the subscriber has caught up, it holds exactly the provider's rows (those
\* that match the row filter) of every claimed table, partitions included.
TablesMatch ==
    Quiescent => \A t \in Claimed : \A h \in RowsOf(t) : sub[h] = Expected(h)

\* ... and every claimed sequence is at least where the provider's is.
SequencesAhead ==
    Quiescent => \A s \in SeqClaimed : sseq[s] >= pseq[s]

TypeOK ==
    /\ prov \in [Heaps -> Vals \cup {None}]
    /\ sub \in [Heaps -> Vals \cup {None}]
    /\ budget \in 0..MaxOps

(***************************************************************************)
(* The example binding of pglogical_replication.cfg (a .cfg cannot hold    *)
(* tuples): t1 public.orders (primary key, set default), t2 public.events  *)
(* (no primary key, set default_insert_only, only ever INSERTed into), t3  *)
(* public.measurements (partitioned) with leaves t4 and t5 (set default),  *)
(* s1 public.orders_id_seq.  Ops.Pglogical writes its own MC module for a  *)
(* real plan instead (`ops pglogical check --keep-model DIR` keeps it).    *)
(***************************************************************************)
AllOps(t) == {<<t, op>> : op \in Ops}
ExampleLeaves == {<<"t4", "t3">>, <<"t5", "t3">>}
ExampleWrites == AllOps("t1") \cup {<<"t2", "INSERT">>} \cup AllOps("t4") \cup AllOps("t5")
ExampleReplicates == AllOps("t1") \cup {<<"t2", "INSERT">>, <<"t2", "TRUNCATE">>} \cup AllOps("t4") \cup AllOps("t5")
=============================================================================
