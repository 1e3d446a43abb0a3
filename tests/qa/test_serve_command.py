"""`qa serve`: one process by default, QA_WORKERS processes sharing the port, and a replica that
leaves catching up with the corpus to the writer."""

import argparse

import pytest
import uvicorn

from qa import cli
from qa.settings import Settings


@pytest.fixture
def served(monkeypatch):
    """What `qa serve` asked uvicorn and the index build for, without serving anything."""
    calls = {"uvicorn": [], "build": []}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls["uvicorn"].append((app, options)))
    monkeypatch.setattr(cli, "command_build", lambda args, settings: calls["build"].append(settings))
    monkeypatch.setattr(cli, "stale_reasons", lambda *args: ["corpus/ changed since the index was built"])
    monkeypatch.setattr("qa.api.app.create_app", lambda settings: "app")
    return calls


def serve(settings: Settings) -> int:
    return cli.command_serve(argparse.Namespace(host="127.0.0.1", port=8000), settings)


def test_one_process_serves_the_app_and_catches_up_first(served):
    assert serve(Settings()) == 0
    assert served["uvicorn"] == [("app", {"host": "127.0.0.1", "port": 8000, "log_level": "info",
                                          "access_log": False})]
    assert len(served["build"]) == 1


def test_workers_each_build_their_app_from_the_environment(served, capsys):
    serve(Settings(workers=3))
    assert served["uvicorn"] == [("qa.api.app:create_app", {"factory": True, "workers": 3, "host": "127.0.0.1",
                                                            "port": 8000, "log_level": "info", "access_log": False})]
    assert "3 workers without QA_REDIS_URL" in capsys.readouterr().err
    serve(Settings(workers=3, redis_url="redis://127.0.0.1:6379/0"))
    assert capsys.readouterr().err == ""


def test_a_replica_leaves_the_corpus_to_the_writer(served):
    serve(Settings(writer_url="http://10.0.0.11:8000"))
    assert served["build"] == [] and len(served["uvicorn"]) == 1
