"""One paragraph per category, generated from the policy file, so the explanation cannot drift from the data."""

from __future__ import annotations

from basira.policy.model import Feature, Policy, Qualifier

SCOPE_TEXT = {
    "document": "anywhere in the document",
    "near": "within {window} characters",
    "contains": "when the evidence lies inside it",
    "before": "when it comes just before the evidence (within {window} characters)",
    "same_sentence": "in the same sentence (within {window} characters)",
}


def _feature(f: Feature) -> str:
    what = "a match to a known-content bank" if f.source == "match" else f.label or ""
    extra = []
    if f.scoring == "fixed":
        extra.append("a fixed contribution, whatever the evidence's own score")
    if f.listed:
        extra.append("naming an entity on a list of the jurisdiction")
    if f.attrs:
        extra.append("with " + ", ".join(f"{k}={v}" for k, v in f.attrs.items()))
    if f.requires_any:
        extra.append("only if the document also has " + " or ".join(f.requires_any))
    if f.min_similarity:
        extra.append(f"at similarity ≥ {f.min_similarity:.0%}")
    if f.thresholds:
        extra.append(f"its own thresholds: review at ≥ {f.thresholds.review:g}, violating at ≥ "
                     f"{f.thresholds.violating:g}")
    return f"{what} (weight {f.weight:g}{'; ' + '; '.join(extra) if extra else ''})"


def _qualifier(q: Qualifier) -> str:
    what = "a known-content match" if q.source == "match" else " or ".join(q.labels)
    listed = " naming a listed entity" if q.listed else ""
    return f"{q.id}: {what}{listed} {SCOPE_TEXT[q.scope].format(window=q.window)} ({q.effect:+g})"


def explain_category(policy: Policy, name: str) -> str:
    c = policy.categories[name]
    qualifiers = policy.qualifiers_for(name)
    raising = [_qualifier(q) for q in qualifiers if q.effect > 0]
    lowering = [_qualifier(q) for q in qualifiers if q.effect < 0]
    ground = "illegal content" if c.ground == "illegal" else "incompatible with the platform's terms"
    parts = [
        f"{name} — {c.summary.en} [{c.legal_ref}; {ground}].",
        "Scored from the strongest of: " + "; ".join(_feature(f) for f in c.features) + ", each as weight × the"
        " evidence's own score.",
    ]
    if raising:
        parts.append("Raised by " + "; ".join(raising) + ".")
    if lowering:
        parts.append("Lowered by " + "; ".join(lowering) + ".")
    parts.append(
        f"The result is clipped to [0, 1]: review at ≥ {c.thresholds.review:g}, violating at ≥ "
        f"{c.thresholds.violating:g}, otherwise not violating."
    )
    return " ".join(parts)


def explain_policy(policy: Policy) -> str:
    header = [
        f"Policy {policy.key}: {policy.title.en} / {policy.title.ar}",
        policy.description.strip(),
        "Jurisdictions: "
        + "; ".join(f"{j} = {', '.join(lists)}" for j, lists in policy.jurisdictions.items())
        + f" (default {policy.default_jurisdiction}).",
        "A document's outcome is its most severe category outcome.",
        "",
    ]
    return "\n".join(header + [explain_category(policy, name) + "\n" for name in policy.categories])
