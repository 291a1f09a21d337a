// The suites measure latencies and recovery times: one case at a time, or they would measure each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
