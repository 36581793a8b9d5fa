#!/usr/bin/env python3
"""Share of a random-key workload that the receiving node forwards, from a node's GET /rio/cluster.

    curl -s http://127.0.0.1:PORT/rio/cluster | python3 bench/lib/forwarded_share.py SERVICE NKEYS

Keys are k1..kNKEYS, each as likely (as bench/lua/bench.lua picks them); a key's partition is
Membership.partitionOf(SERVICE + "/" + key) (rio-api, io.rio.spi.Membership), reimplemented here with Java's int
arithmetic, and its owner is members[owners[partition]]. A call is forwarded unless the node that answered
/rio/cluster (the member with "local": true) owns the key. Prints one line:

    forwarded=0.6655 keys_local=3345 members=3 owners=<digest> partitions=node-1:90,node-2:91,node-3:90

(owners is a digest of the owners table, to tell whether it changed between two readings). Exits 2 if the
table is incomplete (a partition without owner, or no local member).
"""
import hashlib
import json
import sys

PARTITIONS = 271


def _int32(v):
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v & 0x80000000 else v


def java_string_hash(s):
    h = 0
    data = s.encode("utf-16-be")            # String.hashCode works on UTF-16 code units
    for i in range(0, len(data), 2):
        h = (31 * h + ((data[i] << 8) | data[i + 1])) & 0xFFFFFFFF
    return _int32(h)


def partition_of(routing_key):
    h = java_string_hash(routing_key)
    u = h & 0xFFFFFFFF                      # >>> works on the unsigned bits
    u ^= u >> 16
    u = (u * 0x85EBCA6B) & 0xFFFFFFFF
    u ^= u >> 13
    u = (u * 0xC2B2AE35) & 0xFFFFFFFF
    u ^= u >> 16
    return _int32(u) % PARTITIONS           # Math.floorMod: Python's % has the divisor's sign


def main():
    service, nkeys = sys.argv[1], int(sys.argv[2])
    view = json.load(sys.stdin)
    members, owners = view["members"], view["owners"]
    local = [i for i, m in enumerate(members) if m.get("local")]
    if len(owners) != PARTITIONS or any(o < 0 or o >= len(members) for o in owners) or len(local) != 1:
        print(f"incomplete cluster view: {len(members)} members, local {local}, "
              f"{sum(1 for o in owners if o < 0)} partitions without owner", file=sys.stderr)
        sys.exit(2)
    me = local[0]
    keys_local = sum(1 for k in range(1, nkeys + 1) if owners[partition_of(f"{service}/k{k}")] == me)
    per_member = ",".join(f"{m.get('nodeId') or m['id']}:{owners.count(i)}" for i, m in enumerate(members))
    digest = hashlib.sha1(json.dumps([members[o]["id"] for o in owners]).encode()).hexdigest()[:12]
    print(f"forwarded={(nkeys - keys_local) / nkeys:.4f} keys_local={keys_local} members={len(members)} "
          f"owners={digest} partitions={per_member}")


if __name__ == "__main__":
    main()
