// The reaper collects every child of the test process with waitpid(-1), which would steal the exit of any child
// started through System.Diagnostics.Process by a test running beside it: tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
