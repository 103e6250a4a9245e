#!/usr/bin/env python3
"""Starts librdkafka's mock Kafka cluster (real wire protocol on 127.0.0.1).

Standard library only (ctypes over librdkafka.so.1, Debian package librdkafka1).

Usage: mock_cluster.py --brokers N [--topic NAME:PARTITIONS ...]

Prints one JSON line to stdout once the cluster is ready:
  {"bootstrapServers": "127.0.0.1:port,..."}
then reads commands from stdin, one per line, and answers each with one JSON
line ({"ok": true} or {"ok": false, "error": "..."}):
  down <brokerId>     take a broker down (connections refused/closed)
  up <brokerId>       bring it back
  topic <name> <n>    create a topic with n partitions
  stop                stop the cluster and exit
The cluster also stops on SIGTERM/SIGINT and when stdin closes (the parent
died), so a crashed test run leaves no broker behind.
"""

import argparse
import ctypes
import json
import signal
import sys
import threading


def load_librdkafka():
    for name in ("librdkafka.so.1", "librdkafka.so", "librdkafka.1.dylib"):
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    sys.stderr.write(
        "librdkafka.so.1 not found: install the Debian package librdkafka1\n"
    )
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brokers", type=int, default=1)
    parser.add_argument("--topic", action="append", default=[])
    args = parser.parse_args()

    lib = load_librdkafka()
    lib.rd_kafka_conf_new.restype = ctypes.c_void_p
    lib.rd_kafka_conf_set.restype = ctypes.c_int
    lib.rd_kafka_conf_set.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
        ctypes.c_char_p, ctypes.c_size_t,
    ]
    lib.rd_kafka_new.restype = ctypes.c_void_p
    lib.rd_kafka_new.argtypes = [
        ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
    ]
    lib.rd_kafka_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_mock_cluster_new.restype = ctypes.c_void_p
    lib.rd_kafka_mock_cluster_new.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.rd_kafka_mock_cluster_bootstraps.restype = ctypes.c_char_p
    lib.rd_kafka_mock_cluster_bootstraps.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_mock_cluster_destroy.argtypes = [ctypes.c_void_p]
    lib.rd_kafka_mock_topic_create.restype = ctypes.c_int
    lib.rd_kafka_mock_topic_create.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
    ]
    lib.rd_kafka_mock_broker_set_down.restype = ctypes.c_int
    lib.rd_kafka_mock_broker_set_down.argtypes = [ctypes.c_void_p, ctypes.c_int32]
    lib.rd_kafka_mock_broker_set_up.restype = ctypes.c_int
    lib.rd_kafka_mock_broker_set_up.argtypes = [ctypes.c_void_p, ctypes.c_int32]

    errstr = ctypes.create_string_buffer(512)
    conf = lib.rd_kafka_conf_new()
    # The handle only hosts the mock cluster; keep it quiet.
    lib.rd_kafka_conf_set(conf, b"log_level", b"3", errstr, len(errstr))
    rk = lib.rd_kafka_new(0, conf, errstr, len(errstr))  # RD_KAFKA_PRODUCER
    if not rk:
        sys.stderr.write("rd_kafka_new failed: %s\n" % errstr.value.decode())
        sys.exit(1)
    cluster = lib.rd_kafka_mock_cluster_new(rk, args.brokers)
    if not cluster:
        sys.stderr.write("rd_kafka_mock_cluster_new failed\n")
        sys.exit(1)

    lock = threading.Lock()
    stopped = threading.Event()

    def create_topic(name, partitions):
        err = lib.rd_kafka_mock_topic_create(
            cluster, name.encode(), int(partitions), min(args.brokers, 3)
        )
        if err != 0:
            raise RuntimeError("topic %s: error %d" % (name, err))

    for spec in args.topic:
        name, _, partitions = spec.rpartition(":")
        create_topic(name, partitions)

    bootstraps = lib.rd_kafka_mock_cluster_bootstraps(cluster).decode()
    sys.stdout.write(json.dumps({"bootstrapServers": bootstraps}) + "\n")
    sys.stdout.flush()

    def shutdown():
        with lock:
            if stopped.is_set():
                return
            stopped.set()
            lib.rd_kafka_mock_cluster_destroy(cluster)
            lib.rd_kafka_destroy(rk)

    def on_signal(_signum, _frame):
        shutdown()
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def answer(payload):
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()

    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "stop":
                break
            if words[0] in ("down", "up"):
                fn = (
                    lib.rd_kafka_mock_broker_set_down
                    if words[0] == "down"
                    else lib.rd_kafka_mock_broker_set_up
                )
                err = fn(cluster, int(words[1]))
                if err != 0:
                    raise RuntimeError("broker %s: error %d" % (words[1], err))
            elif words[0] == "topic":
                create_topic(words[1], words[2])
            else:
                raise RuntimeError("unknown command: %s" % words[0])
            answer({"ok": True})
        except Exception as error:  # report, keep serving
            answer({"ok": False, "error": str(error)})
    shutdown()


if __name__ == "__main__":
    main()
