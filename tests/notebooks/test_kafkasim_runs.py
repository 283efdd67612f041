"""Tests for notebooks/kafkasim_runs.py against the real CLI."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "notebooks"))
import kafkasim_runs  # noqa: E402


class ParseReportTest(unittest.TestCase):
    def test_parses_summary_and_final_line(self):
        text = ("summary: acked=10 lost_acked=2 duplicates_in_log=0\n\n"
                "seed=7 events=123 trace_hash=00000000000000ff verdict=FAIL\n")
        r = kafkasim_runs.parse_report(text)
        self.assertEqual(r["seed"], 7)
        self.assertEqual(r["events"], 123)
        self.assertEqual(r["trace_hash"], "00000000000000ff")
        self.assertEqual(r["verdict"], "FAIL")
        self.assertEqual(r["lost_acked"], 2)

    def test_rejects_other_text(self):
        with self.assertRaises(ValueError):
            kafkasim_runs.parse_report("hello")


class RunTest(unittest.TestCase):
    def test_same_seed_same_hash_and_seed_is_echoed(self):
        a = kafkasim_runs.run("scenarios/quickstart.yaml", seed=5)
        b = kafkasim_runs.run("scenarios/quickstart.yaml", seed=5)
        self.assertEqual(a["seed"], 5)
        self.assertEqual(a["trace_hash"], b["trace_hash"])
        self.assertGreater(a["acked"], 0)

    def test_bad_scenario_raises_with_the_loader_message(self):
        with self.assertRaises(RuntimeError):
            kafkasim_runs.run("tests/data/bad_scenarios/does-not-exist.yaml")

    def test_run_yaml_runs_generated_text(self):
        with open(os.path.join(kafkasim_runs.ROOT, "scenarios", "quickstart.yaml"), encoding="utf-8") as f:
            text = f.read()
        a = kafkasim_runs.run_yaml(text, seed=5)
        b = kafkasim_runs.run("scenarios/quickstart.yaml", seed=5)
        self.assertEqual(a["trace_hash"], b["trace_hash"])

    def test_trace_returns_events_ending_with_the_run_hash(self):
        events = kafkasim_runs.trace("scenarios/quickstart.yaml", seed=5)
        r = kafkasim_runs.run("scenarios/quickstart.yaml", seed=5)
        self.assertEqual(events[0]["type"], "meta")
        self.assertEqual(events[-1]["type"], "end")
        self.assertEqual(events[-1]["trace_hash"], r["trace_hash"])
        self.assertTrue(any(e["type"] == "append" for e in events))

    def test_metrics_are_kafka_mbeans_sampled_each_interval_without_changing_the_run(self):
        report = {}
        samples = kafkasim_runs.metrics("scenarios/quickstart.yaml", seed=5, interval="2s", report=report)
        plain = kafkasim_runs.run("scenarios/quickstart.yaml", seed=5)
        self.assertEqual(report["trace_hash"], plain["trace_hash"])
        times = sorted({s["t_ms"] for s in samples})
        self.assertEqual(times[:3], [2000, 4000, 6000])
        urp = [s for s in samples if s.get("mbean") == "kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"]
        self.assertTrue(urp)
        self.assertTrue(all(s["node"].startswith("broker-") for s in urp))


if __name__ == "__main__":
    unittest.main()
