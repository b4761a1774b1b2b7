#!/usr/bin/env python3
"""The kernel's price of one durable small upload, without dropvault: what the server must do per
session before it may answer 1604 (a new client folder, a 1 KiB file written and fsynced, renamed
into the folder, the folder fsynced). Prints wall, user and system time per iteration.

usage: durability-floor.py [FOLDER] [ITERATIONS]   (FOLDER on the disk the server's data is on)
"""
import os
import resource
import sys
import tempfile
import time

folder = tempfile.mkdtemp(dir=sys.argv[1] if len(sys.argv) > 1 else None)
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.mkdir(os.path.join(folder, "files"))
before, start = resource.getrusage(resource.RUSAGE_SELF), time.time()
for i in range(n):
    client = os.path.join(folder, "files", "c%d" % i)
    temporary = os.path.join(folder, "tmp%d" % i)
    os.mkdir(client)
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY, 0o600)
    os.write(fd, b"x" * 1024)
    os.fsync(fd)
    os.close(fd)
    os.rename(temporary, os.path.join(client, "f.bin"))
    fd = os.open(client, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
after, end = resource.getrusage(resource.RUSAGE_SELF), time.time()
print("%d iterations in %s: wall %.3f ms, user %.3f ms, system %.3f ms an iteration" % (
    n, folder, (end - start) / n * 1e3, (after.ru_utime - before.ru_utime) / n * 1e3,
    (after.ru_stime - before.ru_stime) / n * 1e3))
for root, dirs, files in os.walk(folder, topdown=False):
    for name in files:
        os.remove(os.path.join(root, name))
    for name in dirs:
        os.rmdir(os.path.join(root, name))
os.rmdir(folder)
