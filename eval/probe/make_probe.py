# ruff: noqa: E501
"""Build eval/probe/probe.jsonl: a fresh, purpose-made generalisation probe for basira's recognisers.

Written independently of eval/gold (never derived from its items): short, generic, minimal sentences,
half hard negatives. Violating items carry only what a detector needs to recognise the category; the
instruction items only name or offer a manual and never give content. Group names are real designated
organisations where the category needs them, otherwise invented. Wallets are placeholders.
"""

from __future__ import annotations

import json
from pathlib import Path

V = "violating"
N = "not_violating"

# (text, label, categories, kind, dialect, note)
ROWS: list[tuple[str, str, list[str], str, str, str]] = [
    # ---------------------------------------------------------------- incitement
    ("أيها الشباب، انهضوا واحرقوا مقرات الشرطة في كل مدينة.", V, ["incitement"], "post", "msa", "plural imperative burn + security target"),
    ("يا جماعة لازم نهجم على الحاجز ونخلص عليهم كلهم.", V, ["incitement"], "comment", "levantine", "obligation + attack + finish them"),
    ("واجب عليكم تذبحون كل رافضي تشوفونه.", V, ["incitement"], "comment", "gulf", "duty + 2pl present slaughter + slur"),
    ("انزلوا يا رجالة ولعوا في الكنايس وخلصوا عليهم.", V, ["incitement"], "comment", "egyptian", "imperatives: set fire to churches"),
    ("شباب اكتلوهم بالسيطرات، لا تخلون واحد منهم.", V, ["incitement"], "comment", "iraqi", "Iraqi imperative kill at checkpoints"),
    ("خاصنا نضربو البوليس فين ما لقيناهم.", V, ["incitement"], "comment", "maghrebi", "obligation + 1pl strike police"),
    ("Brothers, go out and slaughter the disbelievers in their streets.", V, ["incitement"], "post", "en", "imperative slaughter + target"),
    ("Every Muslim must attack the crusaders wherever he finds them.", V, ["incitement"], "post", "en", "obligation + attack target"),
    ("اقتلوا جنود الطاغوت وفجروا ثكناتهم.", V, ["incitement"], "post", "msa", "imperative kill soldiers"),
    ("فلتكن أسواق الكفار ساحات لعملياتكم.", V, ["incitement"], "post", "msa", "jussive: make markets arenas of your operations"),
    ("أشعلوا الأرض تحت أقدام المحتلين ولا ترحموا منهم أحدا.", V, ["incitement"], "post", "msa", "imperative, no mercy"),
    # ---------------------------------------------------------------- glorification
    ("ما أروع الغزوة التي زلزلت عاصمة الصليبيين، بارك الله في منفذيها.", V, ["glorification"], "post", "msa", "praise raid + perpetrators"),
    ("الله يرضى عليه البطل اللي فجر حاله بالثكنة.", V, ["glorification"], "comment", "levantine", "hero who blew himself up"),
    ("فخر لنا والله اللي سواه الأخ في السوق، ذبحهم ذبح.", V, ["glorification"], "comment", "gulf", "pride in attack at market"),
    ("أحلى عملية شفتها في حياتي، رجالة بجد اللي عملوها.", V, ["glorification"], "comment", "egyptian", "best operation, real men who did it"),
    ("عاشت ايدك يا بطل على التفجير اللي هز السيطرة.", V, ["glorification"], "comment", "iraqi", "praise bombing of checkpoint"),
    ("The brother who rammed the crowd is a true hero, may Allah accept him.", V, ["glorification"], "post", "en", "attacker hero"),
    ("What a glorious day when the lions stormed the embassy and killed the guards.", V, ["glorification"], "post", "en", "praise storming"),
    ("نفخر بالاستشهادي الذي دك معاقل المرتدين.", V, ["glorification"], "post", "msa", "pride in suicide attacker"),
    ("ستبقى غزوة المطار وسام عز على صدر الأمة.", V, ["glorification"], "post", "msa", "raid as medal of honour"),
    ("الله يرحمو الخو اللي ضرب البوليس، راجل وبطل.", V, ["glorification"], "comment", "maghrebi", "attacker of police a hero"),
    # ---------------------------------------------------------------- threat
    ("ستدفعون ثمن عدوانكم من دماء أبنائكم.", V, ["threat"], "statement", "msa", "you will pay with your sons' blood"),
    ("انتظروا الرد في عقر داركم، فالقادم أشد.", V, ["threat"], "statement", "msa", "await response in your homes"),
    ("والله لنخليكم تبكوا دم، ما رح يضل منكم حدا.", V, ["threat"], "comment", "levantine", "we'll make you weep blood, none left"),
    ("بنجيكم في بيوتكم وبنحرقها فوق روسكم.", V, ["threat"], "comment", "gulf", "we'll come and burn homes"),
    ("هنفجركم واحد واحد ومش هنسيب منكم حد.", V, ["threat"], "comment", "egyptian", "we'll blow you up one by one"),
    ("راح نذبحكم بيت بيت يا خونة.", V, ["threat"], "comment", "iraqi", "we'll slaughter you house by house"),
    ("You will pay with your blood for every bomb you dropped.", V, ["threat"], "post", "en", "you will pay with blood"),
    ("Your cities will burn and your children will not be safe.", V, ["threat"], "post", "en", "cities will burn"),
    ("لن تنعموا بالأمان بعد اليوم، فسيوفنا قادمة إليكم.", V, ["threat"], "statement", "msa", "no safety, swords coming"),
    ("غادي نقتلوكم واحد بواحد.", V, ["threat"], "comment", "maghrebi", "Maghrebi future kill you"),
    # ---------------------------------------------------------------- solicitation
    ("أخي، إن كنت تستطيع الوصول إليهم فاقتلهم ولا تنتظر أحدا.", V, ["solicitation"], "post", "msa", "singular imperative kill them"),
    ("أنت يا من تقرأ هذا، خذ سكينك واطعن أول جندي تراه.", V, ["solicitation"], "post", "msa", "address reader: stab a soldier"),
    ("إنت قادر، روح ادهسهم بسيارتك وما تخاف.", V, ["solicitation"], "comment", "levantine", "go run them over"),
    ("يا أخوي لا تتردد، سوها وفجر عمرك فيهم.", V, ["solicitation"], "comment", "gulf", "do it, blow yourself up among them"),
    ("يا صاحبي انزل دلوقتي واضربهم بالنار.", V, ["solicitation"], "comment", "egyptian", "go down now and shoot them"),
    ("إذا عندك سلاح لا تكعد، اطلع واكتلهم.", V, ["solicitation"], "comment", "iraqi", "if you have a weapon go kill them"),
    ("Be the one who strikes them. Take your knife and go tonight.", V, ["solicitation"], "post", "en", "be the one"),
    ("You, brother, can do it: find a soldier and kill him.", V, ["solicitation"], "post", "en", "second person: kill a soldier"),
    ("لا تنتظر أمرا من أحد، نفذ العملية بنفسك في أقرب كنيسة.", V, ["solicitation"], "post", "msa", "carry out operation yourself"),
    ("خويا دير العملية وتهنى، راه الجنة كتسناك.", V, ["solicitation"], "comment", "maghrebi", "do the operation"),
    # ---------------------------------------------------------------- recruitment
    ("الحقوا بإخوانكم في الجبهات، فالمعسكرات تفتح أبوابها للمهاجرين.", V, ["recruitment"], "post", "msa", "join brothers at fronts"),
    ("انضم إلى كتائب الفجر الموعود وكن جنديا في صفوف المجاهدين.", V, ["recruitment"], "post", "msa", "join invented brigade"),
    ("اللي بدو يلتحق بالإخوة عالجبهة يراسلني عالخاص.", V, ["recruitment"], "comment", "levantine", "whoever wants to join, DM"),
    ("تبي تصير من جنود الخلافة؟ كلمنا والتجهيز علينا.", V, ["recruitment"], "comment", "gulf", "become soldier of caliphate"),
    ("عايز تنضم للمجاهدين؟ ابعتلي وهنرتبلك السفر.", V, ["recruitment"], "comment", "egyptian", "want to join mujahideen, travel arranged"),
    ("Join the ranks of the Islamic State and answer the call to hijrah.", V, ["recruitment"], "post", "en", "join IS"),
    ("Brothers, make hijrah to the land of jihad, the caravan is waiting.", V, ["recruitment"], "post", "en", "hijrah to land of jihad"),
    ("الإخوة بالتنظيم يحتاجون شباب، اللي يريد يلتحق يحچي وياي.", V, ["recruitment"], "comment", "iraqi", "organisation needs youth"),
    ("لي بغا يمشي للجهاد مع الإخوة يتواصل معايا.", V, ["recruitment"], "comment", "maghrebi", "whoever wants jihad contact me"),
    # ---------------------------------------------------------------- instruction
    ("حملوا دليل تصنيع المتفجرات المنزلية كاملا من الرابط.", V, ["instruction"], "post", "msa", "offers explosives manual"),
    ("دورة مصورة في إعداد العبوات الناسفة للإخوة، الدرس الأول متاح.", V, ["instruction"], "post", "msa", "course on IEDs (title only)"),
    ("هاد الفيديو بيعلمك كيف تعمل قنبلة بالبيت، شاركوه.", V, ["instruction"], "comment", "levantine", "video how to make a bomb (title only)"),
    ("نزلنا ملف شرح تركيب الأحزمة الناسفة، حملوه قبل الحذف.", V, ["instruction"], "comment", "gulf", "file on suicide belts (title only)"),
    ("كتيب إزاي تعمل مولوتوف وتستخدمه ضد الأمن، موجود في القناة.", V, ["instruction"], "comment", "egyptian", "booklet molotov vs police (title only)"),
    ("Download the new guide on making explosives for lone attackers.", V, ["instruction"], "post", "en", "guide making explosives"),
    ("Our course on building IEDs for operations in the West is now online.", V, ["instruction"], "post", "en", "IED course"),
    ("سلسلة دروس في فنون الاغتيال بالسلاح الكاتم للمجاهدين.", V, ["instruction"], "post", "msa", "assassination lessons (title only)"),
    ("هذا كتاب صناعة الصواعق للإخوة، نزلوه وتعلموا.", V, ["instruction"], "comment", "iraqi", "detonator making book (title only)"),
    # ---------------------------------------------------------------- financing
    ("ادعموا إخوانكم المجاهدين بأموالكم، فكل دينار رصاصة في صدر العدو.", V, ["financing"], "post", "msa", "fund mujahideen, dinar = bullet"),
    ("تبرعوا لتجهيز الغزاة في الثغور عبر الحساب المرفق.", V, ["financing"], "post", "msa", "donate to equip raiders"),
    ("بدنا مصاري نشتري فيها سلاح للشباب عالجبهة، حولوا عالرقم.", V, ["financing"], "comment", "levantine", "money for weapons"),
    ("يا أهل الخير ادعموا المجاهدين، التحويل على الحساب [WALLET_ADDRESS].", V, ["financing"], "post", "gulf", "support mujahideen, account"),
    ("ابعتوا فلوس للإخوة عشان يشتروا ذخيرة للعمليات الجاية.", V, ["financing"], "comment", "egyptian", "money for ammunition"),
    ("Send your zakat to arm the mujahideen; wallet: [WALLET_ADDRESS].", V, ["financing"], "post", "en", "zakat to arm"),
    ("Every dollar you donate buys bullets for the fighters of the caliphate.", V, ["financing"], "post", "en", "donation buys bullets"),
    ("اللي يكدر يدفع، الفلوس تروح لتسليح الإخوة بالقاطع.", V, ["financing"], "comment", "iraqi", "money to arm brothers"),
    ("صيفطو الفلوس للخوت باش يشريو السلاح.", V, ["financing"], "comment", "maghrebi", "send money to buy weapons"),
    # ---------------------------------------------------------------- designated_propaganda
    ("بيان صادر عن الدولة الإسلامية – ولاية سيناء: تبني الهجوم على الكمين.", V, ["designated_propaganda"], "statement", "msa", "IS statement header + claim"),
    ("وكالة أعماق: مقاتلو الدولة الإسلامية يستهدفون دورية للجيش.", V, ["designated_propaganda"], "statement", "msa", "media wing header"),
    ("مؤسسة السحاب تقدم: كلمة صوتية جديدة لقيادة تنظيم القاعدة.", V, ["designated_propaganda"], "statement", "msa", "As-Sahab presents"),
    ("حركة الشباب المجاهدين – بيان رقم 12: استمرار العمليات ضد القوات الأجنبية.", V, ["designated_propaganda"], "statement", "msa", "al-Shabaab numbered statement"),
    ("Official statement from the Islamic State: our soldiers targeted a Shia gathering.", V, ["designated_propaganda"], "statement", "en", "IS official statement"),
    ("Al-Qaeda in the Arabian Peninsula presents a new release by al-Malahem Media.", V, ["designated_propaganda"], "statement", "en", "AQAP media wing release"),
    ("صحيفة النبأ، العدد الجديد: حصاد الأجناد لهذا الأسبوع.", V, ["designated_propaganda"], "statement", "msa", "al-Naba issue"),
    ("الإعلام الحربي لهيئة تحرير الشام: إصدار مرئي جديد بعنوان فرسان الشام.", V, ["designated_propaganda"], "statement", "msa", "HTS military media release"),
    ("باقية وتتمدد، جنود الخلافة في كل مكان، حفظ الله أمير المؤمنين.", V, ["designated_propaganda"], "post", "msa", "IS slogans"),
    # ================================================================ hard negatives
    # news
    ("قالت الشرطة إن مسلحين هاجموا حاجزا أمنيا شمال البلاد وقتلوا ثلاثة جنود.", N, [], "news", "msa", "police report of attack"),
    ("أعلن تنظيم الدولة الإسلامية مسؤوليته عن التفجير، بحسب وكالة رويترز.", N, [], "news", "msa", "news of claim"),
    ("Police said the attacker stabbed two people before being arrested.", N, [], "news", "en", "news"),
    ("ذكرت مصادر محلية أن الجماعة دعت أنصارها إلى تنفيذ هجمات جديدة.", N, [], "news", "msa", "reported call"),
    ("(بغداد - أ ف ب) قتل خمسة أشخاص في انفجار سيارة مفخخة قرب سوق شعبي.", N, [], "news", "msa", "dateline news"),
    ("نقلت وسائل إعلام عن شهود أن المهاجم هتف قبل أن يفجر نفسه.", N, [], "news", "msa", "witness report"),
    ("The group's statement threatened more attacks, the agency reported.", N, [], "news", "en", "reported threat"),
    # research
    ("تحلل الدراسة كيف تستخدم الجماعات المتطرفة عبارات مثل 'انفروا' لاستقطاب الشباب.", N, [], "research", "msa", "research mention"),
    ("يرى الباحث أن خطاب 'الذئاب المنفردة' تحول بعد 2015 إلى دعوات فردية.", N, [], "research", "msa", "research on lone wolves"),
    ("This paper examines how jihadist propaganda glorifies attackers as heroes.", N, [], "research", "en", "research"),
    ("رصد فريق البحث ارتفاع منشورات التحريض على استهداف الكنائس خلال الأعياد.", N, [], "research", "msa", "research on incitement"),
    ("In chapter three, the authors analyse calls to join the caliphate on Telegram.", N, [], "research", "en", "research on recruitment"),
    ("تتناول الأطروحة حملات جمع التبرعات لتسليح المقاتلين عبر العملات الرقمية.", N, [], "research", "msa", "thesis on financing"),
    # condolence
    ("رحم الله شهداء الجيش الذين سقطوا في الهجوم الغادر، وألهم ذويهم الصبر.", N, [], "condolence", "msa", "soldiers' martyrs"),
    ("الله يرحمه، استشهد وهو يدافع عن بيته، إنا لله وإنا إليه راجعون.", N, [], "condolence", "levantine", "condolence"),
    ("نتقدم بأحر التعازي لأسر ضحايا التفجير في السوق.", N, [], "condolence", "msa", "condolence to victims"),
    ("Our deepest condolences to the families of the soldiers killed in the ambush.", N, [], "condolence", "en", "condolence"),
    ("الشهيد بإذن الله أبو محمد، ارتقى برصاص قناص أثناء عمله في الإسعاف.", N, [], "condolence", "msa", "paramedic martyr"),
    ("يا ريت الله يصبر أمه، ابنها راح ضحية الانفجار.", N, [], "condolence", "levantine", "victim's mother"),
    # everyday
    ("اقتلوا الملل بالقراءة في عطلة الصيف.", N, [], "everyday", "msa", "kill boredom"),
    ("هالفيلم قاتلني من الضحك، لازم تشوفوه.", N, [], "everyday", "levantine", "film killing me laughing"),
    ("سنفجر مفاجأة كبيرة في عرض الأسعار يوم الجمعة!", N, [], "everyday", "msa", "marketing surprise"),
    ("Let's kill it at the presentation tomorrow, team.", N, [], "everyday", "en", "idiom"),
    ("اضرب البيض مع السكر حتى يصبح الخليط كريميا.", N, [], "everyday", "msa", "recipe"),
    ("والله هالشغل ذبحني، بدي إجازة.", N, [], "everyday", "levantine", "work is killing me"),
    ("I'm going to destroy this pizza tonight.", N, [], "everyday", "en", "idiom"),
    # religious quotation
    ("قال تعالى: ﴿وَقَاتِلُوا فِي سَبِيلِ اللَّهِ الَّذِينَ يُقَاتِلُونَكُمْ وَلَا تَعْتَدُوا﴾ [البقرة: 190]، والآية في سياق الدفاع.", N, [], "religious_quotation", "msa", "Quran 2:190 with exegesis"),
    ("من قتل نفسا بغير نفس أو فساد في الأرض فكأنما قتل الناس جميعا.", N, [], "religious_quotation", "msa", "Quran 5:32"),
    ("قال النبي صلى الله عليه وسلم: المسلم من سلم المسلمون من لسانه ويده (رواه البخاري).", N, [], "religious_quotation", "msa", "hadith"),
    ("خطبة الجمعة اليوم عن فضل الجهاد في طلب العلم وجهاد النفس.", N, [], "religious_quotation", "msa", "sermon on jihad of self"),
    ("﴿وَلَا تَقْتُلُوا أَنفُسَكُمْ ۚ إِنَّ اللَّهَ كَانَ بِكُمْ رَحِيمًا﴾ [النساء: 29]", N, [], "religious_quotation", "msa", "Quran 4:29"),
    ("The Quran says that whoever kills a soul, it is as if he had slain mankind entirely.", N, [], "religious_quotation", "en", "5:32 paraphrase"),
    # sports
    ("الهلال دك شباك النصر بثلاثية وأذل دفاعه.", N, [], "sports", "msa", "football"),
    ("المهاجم فجر قنبلة في الشوط الثاني بهدف من ضربة حرة.", N, [], "sports", "msa", "football bomb idiom"),
    ("لازم نذبحهم في ملعبهم الأحد الجاي ونرجع بالنقاط.", N, [], "sports", "levantine", "sports trash talk"),
    ("هجوم الفريق كان قاتلا، والدفاع انهار تماما.", N, [], "sports", "msa", "sports attack"),
    ("We will crush them on Sunday, the derby is ours.", N, [], "sports", "en", "sports"),
    ("انتقموا من هزيمة الذهاب وسحقوا الضيوف برباعية.", N, [], "sports", "msa", "sports revenge"),
    ("الأهلي هيدبح الزمالك النهارده، قول يا رب.", N, [], "sports", "egyptian", "derby slaughter idiom"),
    # condemnation
    ("ندين بأشد العبارات الهجوم الإرهابي الجبان على المصلين.", N, [], "condemnation", "msa", "condemnation"),
    ("اللي فجر حاله بالسوق مجرم مش بطل، الله لا يسامحه.", N, [], "condemnation", "levantine", "bomber is criminal"),
    ("We condemn the cowardly attack on the church and stand with the victims.", N, [], "condemnation", "en", "condemnation"),
    ("هذا إرهاب وليس جهادا، قتل الأبرياء جريمة لا تبررها أي قضية.", N, [], "condemnation", "msa", "condemnation"),
    ("نستنكر دعوات ذبح المخالفين التي انتشرت على المنصات.", N, [], "condemnation", "msa", "condemns calls"),
    ("حرام عليكم، شو ذنب الأطفال اللي ماتوا بالتفجير؟", N, [], "condemnation", "levantine", "condemnation"),
    # counter-speech
    ("لا تنخدعوا بمن يدعوكم إلى 'النفير'، فهم يتاجرون بدمائكم.", N, [], "counter_speech", "msa", "counter recruitment"),
    ("If someone online tells you to 'join the caliphate', report the account and talk to someone you trust.", N, [], "counter_speech", "en", "counter"),
    ("الانتحاري ليس شهيدا، والإسلام بريء من قتل الأبرياء.", N, [], "counter_speech", "msa", "counter"),
    ("من يجمع التبرعات باسم 'تجهيز الغزاة' يسرق أموالكم لتمويل القتل.", N, [], "counter_speech", "msa", "counter financing"),
    ("تفنيد شبهات داعش حول وجوب قتال المرتدين.", N, [], "counter_speech", "msa", "refutation"),
    ("Calling the bomber a 'hero' is an insult to every victim.", N, [], "counter_speech", "en", "counter glorification"),
    # political criticism
    ("يجب محاسبة الحكومة على فشلها في حماية المدنيين.", N, [], "political_criticism", "msa", "accountability"),
    ("سنسقط هذا النظام الفاسد في صناديق الاقتراع.", N, [], "political_criticism", "msa", "electoral"),
    ("الجيش ارتكب مجازر بحق المدنيين ويجب محاكمة قادته.", N, [], "political_criticism", "msa", "accuse army"),
    ("We will fight this government in the courts and in the streets, peacefully.", N, [], "political_criticism", "en", "peaceful"),
    ("ندعو إلى إضراب عام وتصعيد الاحتجاجات السلمية حتى رحيل الحكومة.", N, [], "political_criticism", "msa", "strike call"),
    ("انتظروا ردنا في الانتخابات القادمة، لن ننسى خيانتكم.", N, [], "political_criticism", "msa", "electoral threat"),
    # business
    ("حملة جمع تبرعات لتجهيز مستشفى الأطفال، تبرعوا عبر الرابط.", N, [], "business", "msa", "charity"),
    ("عرض ناري: أسعار تفجر السوق، اطلب الآن.", N, [], "business", "msa", "ad"),
    ("دورة تدريبية في إعداد خطط التسويق الهجومية للشركات الناشئة.", N, [], "business", "msa", "marketing course"),
    ("Donate now to equip our volunteer firefighters with new gear.", N, [], "business", "en", "charity"),
    ("انضموا إلى فريقنا! نبحث عن مقاتلين في المبيعات.", N, [], "business", "msa", "job ad"),
    ("دليل شامل لاستخدام سلاح التسعير في المنافسة.", N, [], "business", "msa", "pricing weapon guide"),
    # hate, not TVEC
    ("هالجماعة كلهم حرامية وما بينوثق فيهم.", N, [], "hate_not_tvec", "levantine", "insult"),
    ("السياسيين كلهم كذابين ويستاهلوا ينطردوا من البلد.", N, [], "hate_not_tvec", "levantine", "insult"),
    ("These people are parasites and should go back where they came from.", N, [], "hate_not_tvec", "en", "xenophobic insult"),
    ("الله ياخدهم كلهم، خربوا البلد.", N, [], "hate_not_tvec", "levantine", "imprecation"),
    ("ما بطيق أشوف وجوههم، الله لا يوفقهم.", N, [], "hate_not_tvec", "levantine", "dislike"),
    ("يا ريت كل الفاسدين يختفوا من البلد.", N, [], "hate_not_tvec", "levantine", "wish"),
    # medical
    ("أجرى الجراحون عملية ناجحة لاستئصال الورم.", N, [], "medical", "msa", "surgery"),
    ("العلاج الكيميائي يقتل الخلايا السرطانية ويضعف المناعة.", N, [], "medical", "msa", "chemo"),
    ("لازم نضرب الفيروس بالتطعيم قبل الشتاء.", N, [], "medical", "levantine", "vaccine"),
    ("The surgeon had to cut deep to remove the bullet fragment.", N, [], "medical", "en", "surgery"),
    ("جرعة زائدة من الدواء قد تقتل المريض، استشر طبيبك.", N, [], "medical", "msa", "overdose"),
    ("حقن الإبرة في العضل بطريقة خاطئة يسبب التهابا.", N, [], "medical", "msa", "injection"),
]


def main() -> None:
    out = Path(__file__).with_name("probe.jsonl")
    with out.open("w", encoding="utf-8") as handle:
        for i, (text, label, cats, kind, dialect, note) in enumerate(ROWS, start=1):
            row = {"id": f"p{i:04d}", "text": text, "label": label, "categories": cats, "kind": kind,
                   "dialect": dialect, "note": note}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(ROWS)} rows -> {out} ({sum(r[1] == V for r in ROWS)} violating)")


if __name__ == "__main__":
    main()
