"""Feedback rows in SQLite. The database runs in WAL mode with synchronous=FULL, so a row is on
disk (its WAL frame fsynced) when `add` returns: the API answers 201 only after that, and a crash,
even SIGKILL, never loses an acknowledged row."""

import json
import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from index.durable import fsync_path
from qa.feedback.recent import AnsweredQuestion

VERDICTS = ("helpful", "wrong")
SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    request_id TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    resolved_question TEXT NOT NULL,
    answer TEXT,
    answer_type TEXT,
    citations TEXT NOT NULL,
    confidence REAL NOT NULL,
    corpus_hash TEXT,
    reader TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('helpful', 'wrong')),
    correction TEXT
)"""
COLUMNS = ("id", "created_at", "request_id", "question", "resolved_question", "answer", "answer_type",
           "citations", "confidence", "corpus_hash", "reader", "verdict", "correction")


class FeedbackExists(Exception):
    """Feedback was already given for that answer."""


class FeedbackStore:
    """One database file, made at first use (an app that is never given feedback writes nothing);
    a connection per call, so any thread may use it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.ready = False
        self.lock = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        with self.lock:
            if not self.ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with closing(sqlite3.connect(self.path, timeout=10)) as connection:
                    connection.execute("PRAGMA journal_mode=WAL")  # kept in the file
                    connection.execute(SCHEMA)
                    connection.commit()
                fsync_path(self.path.parent)  # the new file's name survives a crash too
                self.ready = True
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA synchronous=FULL")  # in WAL mode: fsync the log at every commit
        return connection

    def add(self, request_id: str, answered: AnsweredQuestion, verdict: str, correction: str | None) -> int:
        """Store a verdict on an answer; its row id once durable."""
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        row = (datetime.now(timezone.utc).isoformat(timespec="seconds"), request_id, answered.question,
               answered.resolved_question, answered.answer, answered.answer_type,
               json.dumps(answered.citations, ensure_ascii=False), answered.confidence, answered.corpus_hash, answered.reader, verdict, correction)
        with closing(self.connect()) as connection:
            try:
                cursor = connection.execute(f"INSERT INTO feedback ({', '.join(COLUMNS[1:])}) "
                                            f"VALUES ({', '.join('?' * len(row))})", row)
                connection.commit()
            except sqlite3.IntegrityError as error:
                if "UNIQUE" in str(error):
                    raise FeedbackExists(request_id) from None
                raise
            return cursor.lastrowid

    def rows(self, verdict: str | None = None, since: str | None = None, limit: int | None = None,
             offset: int = 0) -> list[dict]:
        """Feedback oldest first, of one verdict and from a time (ISO 8601) when given."""
        where, arguments = [], []
        if verdict:
            where.append("verdict = ?")
            arguments.append(verdict)
        if since:
            where.append("created_at >= ?")
            arguments.append(since)
        query = f"SELECT {', '.join(COLUMNS)} FROM feedback"
        query += f" WHERE {' AND '.join(where)}" if where else ""
        query += " ORDER BY id LIMIT ? OFFSET ?"
        arguments += [-1 if limit is None else limit, offset]
        with closing(self.connect()) as connection:
            found = connection.execute(query, arguments).fetchall()
        return [{**dict(zip(COLUMNS, row)), "citations": json.loads(row[COLUMNS.index("citations")])}
                for row in found]

    def counts(self) -> dict[str, int]:
        with closing(self.connect()) as connection:
            return dict(connection.execute("SELECT verdict, COUNT(*) FROM feedback GROUP BY verdict").fetchall())
