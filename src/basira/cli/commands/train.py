"""``basira train``: a classifier from labelled JSON Lines (the review UI's gold export works as it is)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from basira.cli.common import console


def train_command(
    data: list[Path] = typer.Argument(..., help="JSON Lines with 'text' and 'label' (violating | benign | "
                                                "not_violating); other labels are skipped."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the model file (.npz, basira.model/2)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the cross-validation folds (training is deterministic)."),
    folds: int = typer.Option(5, "--folds", help="Folds of the grouped cross-validation (calibration, figures)."),
    c: float = typer.Option(10.0, "--c", help="Inverse L2 regularisation strength of the logistic regression."),
    target_precision: float | None = typer.Option(
        None, "--target-precision", help="Precision the 'review' threshold is read at (default: Arabic 0.97, "
                                         "Latin script 0.85)."),
    model_id: str = typer.Option("basira-tvec", "--id", help="The model's name, recorded in every decision."),
    version: str = typer.Option("1", "--version", help="The model's version, recorded in every decision."),
    one_language_per_file: bool = typer.Option(
        False, "--one-language-per-file", help="Each file trains only the head of its majority script; items in "
                                               "another script are left out (their labels came from annotators "
                                               "of the file's language)."),
) -> None:
    """Train the classifier: one head per script with enough items of both labels; figures from grouped
    cross-validation (near-duplicates kept in one fold); thresholds and the data's SHA-256 in the file."""
    from basira.model.train import (
        DEFAULT_TARGET_PRECISION,
        TrainingError,
        TrainSettings,
        read_labelled,
        train_classifier,
    )

    err = console(stderr=True)
    try:
        items, digest = read_labelled(data)
    except TrainingError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    targets = dict(DEFAULT_TARGET_PRECISION)
    if target_precision is not None:
        targets = {script: target_precision for script in targets}
    settings = TrainSettings(c=c, folds=folds, seed=seed, target_precision=targets)
    try:
        classifier = train_classifier(items, settings, data_sha256=digest, data_files=[str(p) for p in data],
                                      model_id=model_id, version=version,
                                      one_language_per_file=one_language_per_file,
                                      progress=lambda m: err.print(m, markup=False))
    except TrainingError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    try:
        classifier.save(out)
    except OSError as exc:
        err.print(f"error: cannot write {out}: {exc.strerror or exc}", markup=False)
        raise typer.Exit(3) from None
    summary = {name: info["cross_validated"]["at_review"] for name, info in classifier.meta["heads"].items()}
    console().print_json(json.dumps({"model": str(out), "key": classifier.key, "data_sha256": digest,
                                     "items": len(items), "cross_validated_at_review": summary}))


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
