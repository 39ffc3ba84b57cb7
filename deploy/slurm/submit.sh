#!/bin/sh
# Queue the sweep array, then the merge to run once every task has ended, whatever its result.
# afterany, not afterok: with afterok one failed task leaves the merge pending forever
# (DependencyNeverSatisfied). The merge itself refuses (exit 2) while a shard is missing and names
# it; re-run that one task, then the merge (docs/scale.md, "When a shard fails").
set -eu
mkdir -p results
array=$(sbatch --parsable deploy/slurm/sweep.sbatch)
sbatch --dependency=afterany:"${array%%;*}" deploy/slurm/merge.sbatch
