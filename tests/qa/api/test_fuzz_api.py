"""Fuzzing the HTTP API from its own OpenAPI description (schemathesis): whatever a client
sends, the answer is never a 5xx. A short run here; raise FUZZ_EXAMPLES for a longer one."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
TOKEN = "fuzz-admin-token"


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    """An app over the small corpus, with ingestion on (authenticated) and no rate limit."""
    import json

    from index.build import build_index
    from tests.conftest import SMALL_CORPUS

    root = tmp_path_factory.mktemp("fuzz")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "docs.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in SMALL_CORPUS),
                                       encoding="utf-8")
    build_index(corpus, root / "index", HashingEmbedder(), show_progress=False)
    settings = Settings(index_dir=root / "index", corpus_dir=corpus, embed_model="hashing-fake",
                        admin_token=TOKEN, rate_limit_per_minute=0, feedback_db=root / "feedback.sqlite3")
    app = create_app(settings, embedder=HashingEmbedder())
    app.state.service.load()
    return app


def test_no_input_makes_the_api_fail(fuzzed_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/ask", "/v1/search", "/v1/documents", "/v1/documents/{doc_id}",
                                              "/v1/feedback", "/v1/feedback/export"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))
        def no_server_error(case):
            # Requests carry the admin token, so ingestion and the feedback listing are fuzzed past
            # their authentication too.
            headers = {"Authorization": f"Bearer {TOKEN}"}
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])

        no_server_error()
