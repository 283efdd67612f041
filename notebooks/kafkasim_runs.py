"""Drive the kafkasim CLI from Python: run scenarios over many seeds and
collect what each run measured, for plotting in the notebooks.

    from kafkasim_runs import run, sweep
    r = run("scenarios/acks1-leader-failure.yaml", seed=3)
    r["lost_acked"], r["verdict"], r["trace_hash"]
    r = run_yaml(generated_scenario_text, seed=1)     # a scenario built in Python
    events = trace("scenarios/slow-follower-isr.yaml")  # the JSON Lines trace, as dicts
    samples = metrics("scenarios/slow-follower-isr.yaml")  # Kafka's metrics every second, as dicts
"""
import json
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KAFKASIM = os.environ.get("KAFKASIM", os.path.join(ROOT, "build", "bin", "kafkasim"))

_SUMMARY = re.compile(r"^summary: (.*)$", re.M)
_FINAL = re.compile(r"^seed=(\d+) events=(\d+) trace_hash=([0-9a-f]{16}) verdict=(PASS|FAIL)$", re.M)


def parse_report(text):
    """Turns `kafkasim run` output into a dict of its summary and final line."""
    final = _FINAL.search(text)
    if not final:
        raise ValueError("not a kafkasim run report (no final seed=... line)")
    out = {
        "seed": int(final.group(1)),
        "events": int(final.group(2)),
        "trace_hash": final.group(3),
        "verdict": final.group(4),
    }
    summary = _SUMMARY.search(text)
    if summary:
        for pair in summary.group(1).split():
            key, _, value = pair.partition("=")
            out[key] = int(value)
    return out


def run(scenario, seed=None, extra_args=()):
    """Runs one scenario (path relative to the repository root) and parses it."""
    cmd = [KAFKASIM, "run", os.path.join(ROOT, scenario)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    cmd += list(extra_args)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode == 2:
        raise RuntimeError(proc.stderr.strip())
    return parse_report(proc.stdout)


def sweep(scenario, seeds):
    """Runs a scenario once per seed; returns a list of parsed reports."""
    return [run(scenario, seed) for seed in seeds]


def run_yaml(text, seed=None, name="generated"):
    """Runs a scenario given as YAML text (e.g. one cell of a sweep)."""
    with tempfile.TemporaryDirectory(prefix="kafkasim-nb-") as tmp:
        path = os.path.join(tmp, name + ".yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return run(path, seed)


def trace(scenario, seed=None):
    """Runs a scenario with --trace and returns its events (one dict per JSON
    line; `t` is simulated time in nanoseconds)."""
    with tempfile.TemporaryDirectory(prefix="kafkasim-nb-") as tmp:
        path = os.path.join(tmp, "trace.jsonl")
        run(scenario, seed, ["--trace", path])
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]


def metrics(scenario, seed=None, interval="1s", report=None):
    """Runs a scenario with --metrics and returns its samples: one dict per
    JSON line, with `t_ms`, `node`, `mbean` (broker and controller metrics)
    or `group` and `metric` (client metrics), `value` and, for rates, `count`.
    `report`, a dict, receives the run's parsed report."""
    with tempfile.TemporaryDirectory(prefix="kafkasim-nb-") as tmp:
        path = os.path.join(tmp, "metrics.jsonl")
        r = run(scenario, seed, ["--metrics", path, "--metrics-interval", interval])
        if report is not None:
            report.update(r)
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
