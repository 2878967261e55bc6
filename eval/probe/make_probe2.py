# ruff: noqa: E501
"""Build eval/probe/probe2.jsonl: a second, smaller purpose-made probe, written before any rule change and
only ever read as aggregate figures (never its error list), to check that fixes made on probe.jsonl errors
generalise. Same red lines as make_probe.py."""

from __future__ import annotations

import json
from pathlib import Path

V = "violating"
N = "not_violating"

ROWS: list[tuple[str, str, list[str], str, str, str]] = [
    ("اذبحوا كل من يعمل مع المحتل ولا تتركوا لهم أثرا.", V, ["incitement"], "post", "msa", "imperative slaughter collaborators"),
    ("لازم نحرق بيوتهم على روسهم الليلة.", V, ["incitement"], "comment", "levantine", "obligation burn"),
    ("Rise up and kill the occupiers in every town.", V, ["incitement"], "post", "en", "imperative kill occupiers"),
    ("يا شباب الأمة، اضربوا سفارات الصليبيين بكل ما تملكون.", V, ["incitement"], "post", "msa", "strike embassies"),
    ("بارك الله في الأسود الذين اقتحموا الثكنة وأثخنوا في الجنود.", V, ["glorification"], "post", "msa", "praise stormers"),
    ("ابطال والله اللي فجروا الحسينية، ربي يتقبلهم.", V, ["glorification"], "comment", "gulf", "heroes who bombed"),
    ("May Allah reward the martyr who attacked the police station.", V, ["glorification"], "post", "en", "praise attacker"),
    ("سنقتحم مدنكم ونذبح جنودكم في شوارعها.", V, ["threat"], "statement", "msa", "future storm + slaughter"),
    ("حنولعها عليكم نار ومش هتعرفوا تناموا.", V, ["threat"], "comment", "egyptian", "we will set it ablaze on you"),
    ("We will come for you in your homes, you will not sleep safely again.", V, ["threat"], "post", "en", "we will come for you"),
    ("خذ سلاحك يا أخي واستهدف دوريتهم عند الفجر.", V, ["solicitation"], "post", "msa", "take weapon, target patrol"),
    ("You there, reading this: grab a knife and attack them today.", V, ["solicitation"], "post", "en", "address reader"),
    ("تعال انضم لصفوف المجاهدين في الشام، الطريق مؤمن.", V, ["recruitment"], "comment", "msa", "come join"),
    ("Pledge allegiance and join the soldiers of the caliphate.", V, ["recruitment"], "post", "en", "join"),
    ("رابط تحميل دورة صنع القنابل اليدوية للمبتدئين.", V, ["instruction"], "post", "msa", "course title"),
    ("New tutorial: how to make a pipe bomb, link in bio.", V, ["instruction"], "post", "en", "tutorial title"),
    ("ساهموا في شراء السلاح للمرابطين، كل ريال يفرق.", V, ["financing"], "post", "gulf", "buy weapons"),
    ("Help fund the mujahideen's next operation, details below.", V, ["financing"], "post", "en", "fund operation"),
    ("بيان صادر عن تنظيم القاعدة في جزيرة العرب بشأن العملية الأخيرة.", V, ["designated_propaganda"], "statement", "msa", "AQAP statement"),
    ("وكالة أعماق الإخبارية: هجوم لجنود الخلافة على ثكنة للجيش.", V, ["designated_propaganda"], "statement", "msa", "Amaq"),
    # negatives
    ("قتل ثلاثة جنود في كمين نصبه مسلحون، وفق ما أفاد مصدر أمني.", N, [], "news", "msa", "news"),
    ("The militia called on supporters to attack the checkpoint, officials said.", N, [], "news", "en", "news"),
    ("تبحث الورقة في خطاب التجنيد لدى التنظيمات المتطرفة عبر الإنترنت.", N, [], "research", "msa", "research"),
    ("Researchers found that glorifying attackers increases copycat risk.", N, [], "research", "en", "research"),
    ("رحم الله الشهيد الذي ارتقى وهو يسعف الجرحى.", N, [], "condolence", "msa", "condolence"),
    ("اقتل الوقت بحل الكلمات المتقاطعة.", N, [], "everyday", "msa", "idiom"),
    ("هالامتحان رح يدبحني، ما درست شي.", N, [], "everyday", "levantine", "exam idiom"),
    ("We're going to kill this quarter's sales targets!", N, [], "everyday", "en", "idiom"),
    ("﴿وَقَاتِلُوهُمْ حَتَّىٰ لَا تَكُونَ فِتْنَةٌ﴾ تفسيرها عند العلماء مرتبط بسياق الحرب.", N, [], "religious_quotation", "msa", "2:193 with exegesis"),
    ("ذبحهم الهلال بخماسية نظيفة في الديربي.", N, [], "sports", "gulf", "sports"),
    ("Our striker destroyed their defence in the second half.", N, [], "sports", "en", "sports"),
    ("نرفض ونستنكر استهداف المدنيين أيا كان الفاعل.", N, [], "condemnation", "msa", "condemnation"),
    ("Those who bombed the market are murderers, not martyrs.", N, [], "condemnation", "en", "condemnation"),
    ("لا تصدقوا من يقول لكم إن قتل الأبرياء جهاد.", N, [], "counter_speech", "msa", "counter"),
    ("سنحارب الفساد حتى آخر يوم في ولايتنا.", N, [], "political_criticism", "msa", "fight corruption"),
    ("ستدفع الحكومة ثمن سياساتها في صناديق الاقتراع.", N, [], "political_criticism", "msa", "electoral"),
    ("تبرعوا لشراء أجهزة التنفس للمستشفى الميداني.", N, [], "business", "msa", "charity"),
    ("Join our team of marketing warriors today!", N, [], "business", "en", "job ad"),
    ("الله يهدّهم ويخلصنا منهم، ما جابوا غير الخراب.", N, [], "hate_not_tvec", "levantine", "imprecation"),
    ("المضاد الحيوي يقضي على البكتيريا خلال أيام.", N, [], "medical", "msa", "medical"),
]


def main() -> None:
    out = Path(__file__).with_name("probe2.jsonl")
    with out.open("w", encoding="utf-8") as handle:
        for i, (text, label, cats, kind, dialect, note) in enumerate(ROWS, start=1):
            row = {"id": f"q{i:04d}", "text": text, "label": label, "categories": cats, "kind": kind,
                   "dialect": dialect, "note": note}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(ROWS)} rows -> {out}")


if __name__ == "__main__":
    main()
