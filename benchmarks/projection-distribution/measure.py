#!/usr/bin/env python3
"""Measures how async projections behave under the chosen distribution mode (docs/adr/0002).

Against a running host on an empty database it lists N therapist locations concurrently, then
polls the coverage read model until it counts all of them. Meanwhile it samples
pg_stat_activity for the host's connections. Prints: write throughput, time until the async
projection caught up, and the connection states seen (especially 'idle in transaction').

usage: measure.py --url http://127.0.0.1:5080 --pg "host=127.0.0.1 port=55432 dbname=schakel user=schakel" [-n 300] [-c 8]
"""
import argparse, json, os, random, subprocess, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

POSTCODES = ["5038 AB", "5022 AA", "5041 AA", "5061 AB", "5141 AC", "5101 AD", "5051 AE", "5171 AF"]


def listing(i):
    return {
        "practiceName": f"Meetpraktijk {i}", "practiceAgbCode": "04%06d" % i, "street": "Meetstraat",
        "houseNumber": str(i), "postcode": random.choice(POSTCODES), "city": "Tilburg", "phone": None, "email": None,
        "therapists": [{"name": f"Therapeut {i}", "discipline": "Physiotherapist", "agbCode": "04%06d" % i, "bigNumber": None}],
        "offers": ["Otago"],
    }


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 201, r.status


def covered(url):
    with urllib.request.urlopen(url + "/api/social-map/coverage", timeout=30) as r:
        return sum(c["locations"] for c in json.load(r))


def sample_states(pg, stop, seen):
    # A transaction left open for more than a second while idle is what UseAdvisoryLockTransaction
    # would cost: a connection (and a snapshot that holds back vacuum) per lock holder.
    query = ("select coalesce(state,'') "
             "|| case when state = 'idle in transaction' and now() - xact_start > interval '1 second' then ' > 1s' else '' end "
             "|| case when query ilike '%advisory%lock%' then ' (advisory lock)' else '' end "
             "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")
    while not stop.is_set():
        out = subprocess.run(["psql", pg, "-Atc", query], capture_output=True, text=True).stdout.split("\n")
        counts = {}
        for state in filter(None, out):
            counts[state] = counts.get(state, 0) + 1
        for state, n in counts.items():
            seen[state] = max(seen.get(state, 0), n)
        time.sleep(0.2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:5080")
    p.add_argument("--pg", required=True)
    p.add_argument("-n", type=int, default=300)
    p.add_argument("-c", type=int, default=8)
    a = p.parse_args()
    before = covered(a.url)
    stop, seen = threading.Event(), {}
    sampler = threading.Thread(target=sample_states, args=(a.pg, stop, seen), daemon=True)
    sampler.start()
    start = time.monotonic()
    with ThreadPoolExecutor(a.c) as pool:
        list(pool.map(lambda i: post(a.url + "/api/social-map/locations", listing(i)), range(a.n)))
    written = time.monotonic() - start
    while covered(a.url) < before + a.n:
        time.sleep(0.05)
    caught_up = time.monotonic() - start
    time.sleep(5)  # a quiet period: what does the host hold while idle?
    stop.set()
    sampler.join()
    print(f"listings written:        {a.n} with {a.c} clients in {written:.2f} s ({a.n / written:.0f}/s)")
    print(f"async projection caught up {caught_up - written:.2f} s after the last write ({caught_up:.2f} s total)")
    print("max connections per state seen:", ", ".join(f"{k or 'n/a'}={v}" for k, v in sorted(seen.items())))


if __name__ == "__main__":
    main()
