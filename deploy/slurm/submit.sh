#!/bin/sh
# Queue the sweep array, then the merge to run after every task succeeded.
set -eu
mkdir -p results
array=$(sbatch --parsable deploy/slurm/sweep.sbatch)
sbatch --dependency=afterok:"${array%%;*}" deploy/slurm/merge.sbatch
