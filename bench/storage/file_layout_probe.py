#!/usr/bin/env python3
"""The storage design's first question (docs/design/storage.md): what does one more file per
partition cost on this disk, compared with appending the same bytes to a few packed files?

Writes the same bytes two ways into DIR and times each, including the final sync:
  per-partition : D dates x S securities directories, F files each (today's layout)
  packed        : one file per (date, role), every partition's bytes appended as a segment
Usage: file_layout_probe.py DIR DATES SECURITIES BYTES_PER_FILE [FILES_PER_PARTITION]
Drop the page cache before each run for figures a user would see (bench/README: as root,
sync; echo 3 > /proc/sys/vm/drop_caches).
"""
import os, sys, time, shutil

def run(root, dates, secs, size, nfiles, packed):
    payload = (b"x" * (size - 1)) + b"\n"
    t0 = time.perf_counter()
    files = 0
    if packed:
        for d in range(dates):
            dd = os.path.join(root, f"d{d:04d}")
            os.mkdir(dd)
            fds = [os.open(os.path.join(dd, f"r{r}.seg"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644) for r in range(nfiles)]
            files += len(fds) + 1
            for s in range(secs):
                for fd in fds:
                    os.write(fd, payload)
            for fd in fds:
                os.close(fd)
    else:
        for d in range(dates):
            dd = os.path.join(root, f"d{d:04d}")
            os.mkdir(dd)
            files += 1
            for s in range(secs):
                sd = os.path.join(dd, str(s))
                os.mkdir(sd)
                files += 1
                for r in range(nfiles):
                    fd = os.open(os.path.join(sd, f"r{r}.csv"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.write(fd, payload)
                    os.close(fd)
                    files += 1
    os.sync()
    return time.perf_counter() - t0, files

def main():
    root, dates, secs, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    nfiles = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    for packed in (False, True):
        target = os.path.join(root, "packed" if packed else "per_partition")
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        os.sync()
        try:
            with open("/proc/sys/vm/drop_caches", "w") as f:
                f.write("3\n")
        except OSError:
            pass
        secs_taken, files = run(target, dates, secs, size, nfiles, packed)
        parts = dates * secs
        mb = parts * nfiles * size / 1e6
        print(f"{'packed' if packed else 'per-partition':14s} partitions={parts} files+dirs={files} "
              f"bytes={mb:.0f}MB time={secs_taken:.2f}s  per-partition={secs_taken / parts * 1e6:.0f}us  "
              f"MB/s={mb / secs_taken:.0f}")
        shutil.rmtree(target)

main()
