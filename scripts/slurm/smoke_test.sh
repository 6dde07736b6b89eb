#!/usr/bin/env bash
# Single-node Slurm smoke test of scripts/slurm/run_pipeline.sbatch (docs/distributed.md,
# "Checking a Slurm setup"): starts a private munged + slurmctld + slurmd for this host in a
# temporary directory, submits the batch script on a small generated market as an extraction
# job and then, depending on it, with 2 tasks (`sbatch --wait`), and checks that
#   - both jobs exit 0 and the second really ran as one MPI job ("on 2 ranks" in its summary,
#     not two independent runs),
#   - `status --json` shows every partition completed,
#   - partitions/, rejects/ and consolidated/ (report.html aside: it holds run times) are
#     byte-identical to a plain one-process run on the same inputs;
# then stops the daemons and removes the directory. Nothing outside the directory is changed:
# the daemons use their own config (SLURM_CONF), munge key and socket, state, spool and
# temporary directories, pid and log files, and two free TCP ports on 127.0.0.1.
#
#   scripts/slurm/smoke_test.sh [--bin-dir DIR] [--keep]
#     --bin-dir DIR   where run_multidataset_pipeline and generate_market_data are
#                     (default build/apps)
#     --keep          leave the temporary directory (logs, outputs) for a look
#
# Exit codes: 0 passed; 77 skipped, with the reason on stdout (not root, Slurm or munge not
# installed, the binary built without MPI); anything else failed, with the daemons' and the job's
# logs. Needs root: slurmd starts job steps as the submitting user, and a private slurmd run
# by another user cannot. The `mpi` plugin is pmix (the batch script's default): with Debian's
# Open MPI 4.1 and Slurm 22.05, pmi2 fails in MPI_Init ("OMPI was not built with SLURM's PMI
# support"), and none starts independent one-process runs (docs/distributed.md, "Slurm").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$root/build/apps"
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin-dir) bin_dir="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: smoke_test.sh [--bin-dir DIR] [--keep]" >&2; exit 2 ;;
  esac
done
pipeline="$bin_dir/run_multidataset_pipeline"
gen="$bin_dir/generate_market_data"

skip() { echo "SKIPPED: $*"; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "needs root (a private slurmd must start job steps; CI runs as root)"
for tool in munged slurmctld slurmd sbatch sinfo scontrol; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (scripts/install_deps.sh installs slurm-wlm and munge)"
done
for tool in "$pipeline" "$gen"; do
  [[ -x "$tool" ]] || { echo "FAILED: $tool is not built" >&2; exit 1; }
done
ldd "$pipeline" | grep -q libmpi || skip "$pipeline is built without MPI (MDP_WITH_MPI=OFF)"

tmp="$(mktemp -d /tmp/mdp-slurm-smoke.XXXXXX)"
chmod 755 "$tmp"
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/tmpfs"
started=$SECONDS

pid_of() { [[ -f "$1" ]] && cat "$1" 2>/dev/null || true; }
stop_pid() {  # pid file: SIGTERM, then wait up to 10 s, then SIGKILL
  local pid
  pid="$(pid_of "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local code=$?
  # slurmd first (it ends any job step left), then the controller, then munge.
  stop_pid "$tmp/slurmd.pid"
  stop_pid "$tmp/slurmctld.pid"
  stop_pid "$tmp/munge/munged.pid"
  if [[ $code -ne 0 && $code -ne 77 ]]; then
    for f in "$tmp/extract.out" "$tmp/job.out" "$tmp/log/slurmctld.log" "$tmp/log/slurmd.log" "$tmp/log/munged.log"; do
      [[ -f "$f" ]] && { echo "--- $f (last 40 lines)"; tail -40 "$f"; }
    done
  fi
  if [[ $keep -eq 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
  exit $code
}
trap cleanup EXIT
trap 'exit 143' TERM INT  # a signal (ctest's timeout, Ctrl-C) still stops the daemons
fail() { echo "FAILED: $*" >&2; exit 1; }

# Waits until `$@` succeeds, polling every 0.1 s, at most $1 seconds.
wait_until() {
  local limit=$1
  shift
  for _ in $(seq $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# Two free ports: a port nobody accepts connections on (bash's /dev/tcp connect fails).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 40000))
    port_free "$p" && port_free "$((p + 1))" && { echo "$p"; return 0; }
  done
  return 1
}
port="$(free_port)" || fail "no free TCP port pair on 127.0.0.1"

# munge: a fresh key of our own; the socket in our directory.
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged --key-file="$tmp/munge/munge.key" --socket="$socket" --pid-file="$tmp/munge/munged.pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed"
wait_until 10 test -S "$socket" || fail "munged did not create its socket"

# slurm.conf for this host alone. The node line is what slurmd itself detects (slurmd -C), so
# the controller never drains the node for a mismatch. Plugins that need cgroups or systemd
# (proctrack/cgroup, task/cgroup, jobacct_gather/cgroup) are avoided: containers often lack them.
# TmpFS: the pmix plugin makes its per-step directory there (/tmp/spmix_appdir_<uid>_<job>.<step>
# by default), and job ids start at 1 in every private cluster, so two of these tests at once
# (two CI runs on one machine) would share /tmp's; a random FirstJobId also keeps the PMIx
# namespaces (slurm.pmix.<job>.<step>) apart, and TMPDIR (below) Open MPI's session directories.
host="$(hostname -s)"
node_line="$(slurmd -C | head -1 | sed "s/^NodeName=[^ ]*/NodeName=$host NodeAddr=127.0.0.1/")"
cat > "$tmp/slurm.conf" <<EOF
ClusterName=mdpsmoke
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
TmpFS=$tmp/tmpfs
FirstJobId=$((RANDOM * 30 + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
DependencyParameters=kill_invalid_depend
$node_line State=UNKNOWN
PartitionName=smoke Nodes=$host Default=YES MaxTime=10 State=UP OverSubscribe=YES
EOF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -c      # -c: start from a clean state (the directory is new anyway)
slurmd
node_idle() { [[ "$(sinfo -h -n "$host" -o %T)" == idle ]]; }
wait_until 30 node_idle || fail "the node did not become idle: $(sinfo -h -o '%T %E' 2>&1)"

# A small market, the same inputs for both runs; directories as the batch script expects.
"$gen" -q -o "$tmp/gen" --securities 12 --days 3 --orders-rows 20000
for role in orders trades nbbo; do
  mkdir -p "$tmp/in/$role"
  mv "$tmp/gen/$role.csv" "$tmp/in/$role/"
done
"$pipeline" --orders "$tmp/in/orders" --trades "$tmp/in/trades" --nbbo "$tmp/in/nbbo" \
  --output "$tmp/plain" --progress none || fail "the plain run failed"

# The batch script as a site would submit it, its #SBATCH lines overridden for one node, in the
# two steps docs/distributed.md recommends: extraction as a one-task job, then the MPI job
# (2 tasks = 2 ranks of 1 CPU, --workers 1 each as on a 2-core node) depending on it, which
# finds the run and resumes it into process + aggregate. A failed first job cancels the second
# (kill_invalid_depend), so `sbatch --wait` never waits for a job that cannot start.
job_started=$SECONDS
export MDP_BIN="$pipeline" MDP_IN="$tmp/in" MDP_OUT="$tmp/slurm" MDP_ARGS="--workers 1" TMPDIR="$tmp/tmpfs"
extract_job="$(MDP_COMMAND=extract sbatch --parsable --nodes=1 --ntasks=1 --cpus-per-task=1 --time=5 \
  --output="$tmp/extract.out" "$root/scripts/slurm/run_pipeline.sbatch")" || fail "sbatch of the extraction job failed"
code=0
sbatch --wait --quiet --dependency="afterok:$extract_job" --nodes=1 --ntasks=2 --ntasks-per-node=2 \
  --cpus-per-task=1 --time=5 --output="$tmp/job.out" "$root/scripts/slurm/run_pipeline.sbatch" || code=$?
job_seconds=$((SECONDS - job_started))
extract_info="$(scontrol show job "$extract_job")"
grep -q "ExitCode=0:0" <<< "$extract_info" ||
  fail "the extraction job did not exit 0: $(cat "$tmp/extract.out" 2>/dev/null)"
# The script's own #SBATCH lines were read (the job name is one that is not overridden above).
grep -q "JobName=mdp-pipeline" <<< "$extract_info" || fail "the batch script's #SBATCH lines were not read"
[[ $code -eq 0 ]] || fail "sbatch --wait: the MPI job exited with $code"
grep -q "on 2 ranks (1 host)" "$tmp/job.out" || fail "the job's summary does not say it ran on 2 ranks"

# The counts by status: the "partitions" object of `status --json` (pretty-printed, one key a line).
counts="$("$pipeline" status -o "$tmp/slurm" --json | sed -n '/^  "partitions": {/,/^  }/p')"
total="$(sed -n 's/^ *"total": *\([0-9]*\).*/\1/p' <<< "$counts")"
completed="$(sed -n 's/^ *"completed": *\([0-9]*\).*/\1/p' <<< "$counts")"
[[ -n "$total" && "$total" -gt 0 && "$completed" == "$total" ]] ||
  fail "status: $completed of $total partitions completed"

for part in partitions rejects consolidated; do
  [[ -e "$tmp/plain/$part" || -e "$tmp/slurm/$part" ]] || continue
  diff -r --exclude=report.html "$tmp/plain/$part" "$tmp/slurm/$part" >"$tmp/diff.txt" 2>&1 ||
    fail "$part/ differs from the plain run: $(head -5 "$tmp/diff.txt")"
done
echo "PASSED: run_pipeline.sbatch as an extraction job, then 2 ranks over srun --mpi=pmix resuming it:" \
  "$total partitions, identical to a plain run (jobs ${job_seconds} s, whole test $((SECONDS - started)) s)"
