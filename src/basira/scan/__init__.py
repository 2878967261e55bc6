"""The scan loop, shared by ``basira scan``, the Dask worker (``basira.scale``) and the API: input items →
``basira.scan/1`` records, in this process or across worker processes, and the JSON Lines writer.

Layers: ``basira.pipeline`` analyses one document; ``basira.scan`` runs it over many; ``basira.scale`` runs
``basira.scan`` over shards on Dask; ``basira.cli`` only parses options and prints. No module here imports
``basira.cli``.
"""

from basira.scan.analyzer import AnalyzerSpec, build_analyzer, settle_heap, settled_heap
from basira.scan.loop import Scanner, ScanResult, default_jobs
from basira.scan.records import E_ANALYSIS, Produced, analysis_failed, produce
from basira.scan.writer import OutputWriter

__all__ = [
    "E_ANALYSIS",
    "AnalyzerSpec",
    "OutputWriter",
    "Produced",
    "ScanResult",
    "Scanner",
    "analysis_failed",
    "build_analyzer",
    "default_jobs",
    "produce",
    "settle_heap",
    "settled_heap",
]
