"""Scale-out: the scan pipeline over shards on Dask (``run_dask_scan``), resumable through a manifest.

Importing this package does not import Dask; ``run_dask_scan`` does (``pip install 'basira[dask]'``).
"""

from basira.scale.manifest import MANIFEST, SUCCESS, SUMMARY, PlanMismatch
from basira.scale.runner import ScanSummary, WorkerMismatch, run_dask_scan, summary_table
from basira.scale.shards import DEFAULT_PARTITION_SIZE, Shard, plan_shards
from basira.scale.worker import get_analyzer, process_shard

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "MANIFEST",
    "SUCCESS",
    "SUMMARY",
    "PlanMismatch",
    "ScanSummary",
    "Shard",
    "WorkerMismatch",
    "get_analyzer",
    "plan_shards",
    "process_shard",
    "run_dask_scan",
    "summary_table",
]
