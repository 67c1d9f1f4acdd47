"""The documents step and the workers' limits in the metrics: documents by outcome, and the
pages and documents whose reading broke a worker's limits."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from jobs.metrics import Metrics
from jobs.poll import CycleReport
from sources.documents import DocumentReport
from sources.ingest import SourceReport


def test_documents_and_over_limits_are_counted() -> None:
    metrics = Metrics()
    hostile = SourceReport("A", "meetingsplus", failed=2, over_limits=2)
    metrics.record_cycle(CycleReport([hostile, SourceReport("B", "meetingsplus")], 9, 3))
    metrics.record_documents(
        DocumentReport(checked=6, read=2, unchanged=1, errors=3, over_limits=1)
    )
    metrics.record_documents(DocumentReport(checked=1, no_text=1))
    found = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(metrics.text().decode())
        for s in family.samples
    }
    checked = "namndbot_documents_checked_total"
    assert found[(checked, (("outcome", "read"),))] == 2
    assert found[(checked, (("outcome", "no_text"),))] == 1
    assert found[(checked, (("outcome", "unchanged"),))] == 1
    assert found[(checked, (("outcome", "failed"),))] == 3
    assert found[("namndbot_over_limits_total", (("kind", "page"),))] == 2
    assert found[("namndbot_over_limits_total", (("kind", "document"),))] == 1
