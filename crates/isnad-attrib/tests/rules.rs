//! Table-driven cases for every attribution rule, on sentences written for these tests.
//! Each row: text, the figure's surface, the speaker expected (`None` = the outlet's own
//! voice), the stance, and the relay expected in `source`.

use isnad_model::{Quantity, Stance};

fn quantities(text: &str, surfaces: &[&str]) -> Vec<Quantity> {
    let mut from = 0;
    let mut out = Vec::new();
    for s in surfaces {
        let at = from + text[from..].find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
        from = at + s.len();
        out.push(Quantity::bare(at, at + s.len(), s.to_string()));
    }
    out
}

fn run(text: &str, surfaces: &[&str]) -> Vec<Quantity> {
    let doc = isnad_text::analyze(text);
    let mut qs = quantities(text, surfaces);
    isnad_attrib::attribute(&doc, &mut qs);
    for q in &qs {
        for p in q.speaker.iter().chain(q.source.iter()) {
            assert_eq!(&text[p.start..p.end], p.text, "span of {:?}", p.text);
        }
    }
    qs
}

struct Case {
    text: &'static str,
    figure: &'static str,
    speaker: Option<&'static str>,
    deny: bool,
    source: Option<&'static str>,
}

const fn c(text: &'static str, figure: &'static str, speaker: Option<&'static str>) -> Case {
    Case { text, figure, speaker, deny: false, source: None }
}

fn check(cases: &[Case]) {
    let mut bad = Vec::new();
    for k in cases {
        let q = &run(k.text, &[k.figure])[0];
        let sp = q.speaker.as_ref().map(|p| p.text.as_str());
        let src = q.source.as_ref().map(|p| p.text.as_str());
        let deny = q.stance == Stance::Deny;
        let src_ok = k.source.is_none() || src == k.source;
        if sp != k.speaker || deny != k.deny || !src_ok {
            bad.push(format!(
                "{}\n   figure {}: got speaker {sp:?} deny {deny} source {src:?} cue {:?}; want {:?} deny {} source {:?}",
                k.text, k.figure, q.cue, k.speaker, k.deny, k.source
            ));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn verbs_before_and_after_their_speaker() {
    check(&[
        c("وقال المقدم فراس يوسف إن 70 عنصراً انسحبوا من الموقع.", "70 عنصراً", Some("المقدم فراس يوسف")),
        c("وأوضحت المتحدثة باسم البلدية أن الأمطار أغرقت 40 منزلاً.", "40 منزلاً", Some("المتحدثة باسم البلدية")),
        c("الممرضة ليلى قالت إن المستشفى استقبل 15 مصاباً.", "15 مصاباً", Some("الممرضة ليلى")),
        c("ويؤكد المزارعون أن المحصول تراجع بنسبة 30%.", "30%", Some("المزارعون")),
        c("وكان رئيس البلدية قد صرح بأن الإصلاح يكلف 2 مليون دولار.", "2 مليون دولار", Some("رئيس البلدية")),
        c("أعلنت وزارة الصحة أنها سجلت 120 إصابة جديدة.", "120 إصابة", Some("وزارة الصحة")),
        c("وشددت الأمم المتحدة على أن 3 ملايين شخص بحاجة إلى مساعدة.", "3 ملايين شخص", Some("الأمم المتحدة")),
        // a subject before قد is the subject, even when a noun follows the verb
        c("وكان صندوق التنمية قد توقع تراجع الصادرات بنسبة 8%.", "8%", Some("صندوق التنمية")),
        c("اللجنة الانتخابية قد أعلنت أن 61% من الناخبين شاركوا.", "61%", Some("اللجنة الانتخابية")),
        // institutions without a listed name head a fronted subject
        c("البنك المركزي أكد أن الاحتياطي بلغ 4 مليارات دولار.", "4 مليارات دولار", Some("البنك المركزي")),
        c("السلطات المحلية قالت إن 35 منزلاً تضرر.", "35 منزلاً", Some("السلطات المحلية")),
        // a verbal noun after a titled name opens the object (أكد ... انتشال)
        c("وأكد مدير الإسعاف سامر حداد انتشال جثث 9 ضحايا.", "9 ضحايا", Some("مدير الإسعاف سامر حداد")),
        // the imperfect of قدّر reports, with a party for subject
        c("وتقدر المنظمة الدولية أن 400 ألف شخص بلا مأوى.", "400 ألف شخص", Some("المنظمة الدولية")),
        // `عدد X` is a count, so `يقدر عدد النازحين بـ` is passive; `عدد من X` speaks
        c("ويقدر عدد العائدين بنحو 3 آلاف.", "3 آلاف", None),
        c("وقال عدد من المزارعين إن 60% من المحصول تلف.", "60%", Some("عدد من المزارعين")),
        // a time adverb after the speaker is not part of the mention
        c("وقالت مصادر أمنية يوم الجمعة إن 23 مسلحاً قتلوا.", "23 مسلحاً", Some("مصادر أمنية")),
        c("وقال وزير المالية خالد سعيد الشهر الماضي إن العجز بلغ 8%.", "8%", Some("وزير المالية خالد سعيد")),
        // a report's لـ phrase names its author and stays in the mention
        c("وقال تقرير للأمم المتحدة إن 5800 مدني قتلوا.", "5800 مدني", Some("تقرير للأمم المتحدة")),
        // a party before the verb speaks when what follows the verb is no party
        c("غير أن منظمة \"الرصد\" قدرت العدد بما لا يقل عن 1200.", "بما لا يقل عن 1200", Some("منظمة \"الرصد\"")),
        // أظهر and خلص report what a study found, with a party for subject only
        c("وخلصت الدراسة إلى أن 30% من الأسر مدينة.", "30%", Some("الدراسة")),
        c("وأظهرت الصور 20 جثة.", "20 جثة", None),
        // testimonies report; أصر (insisted) reports in the past, and نصر in a name is
        // no verb
        c("وكشفت شهادات جمعها مراسلون أن 50 حافلة غادرت.", "50 حافلة", Some("شهادات")),
        c("وأصرت الوزارة على أن 12 شخصاً فقط أصيبوا.", "12 شخصاً", Some("الوزارة")),
        c("وقال سامي نصر الدين إن 30 عاملاً أضربوا.", "30 عاملاً", Some("سامي نصر الدين")),
        // فيما opens a contrasting clause ("while"), not a relative one
        c("وقال الجيش إن 12 مسلحاً قتلوا، فيما قدرت مصادر محلية العدد بـ 30 مسلحاً.", "30 مسلحاً", Some("مصادر محلية")),
        // an institution's own لـ phrase belongs to its name
        c(
            "وأفادت الهيئة العليا لشؤون المفقودين بأن 16 ألف شخص ما زالوا مفقودين.",
            "16 ألف شخص",
            Some("الهيئة العليا لشؤون المفقودين"),
        ),
        // no subject before قد: the subject follows the verb as usual
        c("وقد أعلن المرصد أن 300 شخص قتلوا.", "300 شخص", Some("المرصد")),
        c("وفي المدينة قد قال مسؤول إن 12 قرية تضررت.", "12 قرية", Some("مسؤول")),
        // a figure before any cue is the outlet's own
        c("وصل 90 لاجئاً إلى الجزيرة، وقال خفر السواحل إنهم بخير.", "90 لاجئاً", None),
        // the verb as a noun after a preposition is no cue
        c("وبعد نقل 25 جريحاً إلى المشفى هدأ الوضع.", "25 جريحاً", None),
        // a figure that is itself the subject does not inherit a speaker
        c("وقال 3 مسؤولين إن الاجتماع أُلغي.", "3 مسؤولين", None),
    ]);
}

#[test]
fn clauses_inside_a_mention_or_a_report() {
    check(&[
        // a verbal noun after `عدم` is no cue, and `اسمه` no speaker
        c("وقال سائق طلب عدم ذكر اسمه إن 20 حافلة وصلت.", "20 حافلة", Some("سائق")),
        // a verb in a relative clause (`مما أعلنه`) does not take over the sentence
        c(
            "وقالت المصادر، التي طلبت عدم كشف هويتها، إن 300 مسلح خرجوا، وهو أقل مما أعلنه الجيش، مضيفة أن 12 شاحنة رافقتهم.",
            "12 شاحنة",
            Some("المصادر"),
        ),
        // a reflexive is not a speaker; `أم` opens a kunya
        c("وقالت أم علي إنها عدّت بنفسها 30 خيمة.", "30 خيمة", Some("أم علي")),
        c("وتابعت أم علي: \"بقينا هنا 4 أيام بلا ماء\".", "4 أيام", Some("أم علي")),
        // a source named by where it sits, subject before a verb that is not a reporting one
        c(
            "غير أن مصدراً أمنياً في الشرطة المحلية شكك في الرقم، وقال إن 90 فقط غادروا.",
            "90 فقط",
            Some("مصدراً أمنياً في الشرطة المحلية"),
        ),
        // `يدعى` ("is called") is not `يدعي` ("claims")
        c("ونقلت الوكالة عن مزارع يدعى أبو حسن قوله إن 15 بقرة نفقت.", "15 بقرة", Some("مزارع يدعى أبو حسن")),
    ]);
}

#[test]
fn postposed_cues_and_passives() {
    check(&[
        c("تضرر 60 مبنى في الحي، قال الدفاع المدني.", "60 مبنى", Some("الدفاع المدني")),
        c("نزح 500 شخص خلال الليل، كما قال مدير المخيم.", "500 شخص", Some("مدير المخيم")),
        c("وقيل إن 200 شخص غادروا القرية.", "200 شخص", None),
        c("وذُكر أن 15 محلاً أغلقت أبوابها.", "15 محلاً", None),
    ]);
}

#[test]
fn nominal_attribution() {
    check(&[
        c("وبحسب الهلال الأحمر، فإن 800 عائلة تلقت مساعدات.", "800 عائلة", Some("الهلال الأحمر")),
        c("قُتل 12 مدنياً، وفقاً لمنظمة أطباء بلا حدود.", "12 مدنياً", Some("منظمة أطباء بلا حدود")),
        c("وفق الدفاع المدني، انتُشلت 9 جثث من تحت الركام.", "9 جثث", Some("الدفاع المدني")),
        c("وحسب ما أفاد به سكان محليون فإن 4 منازل احترقت.", "4 منازل", Some("سكان محليون")),
        c("وعلى لسان محافظ المدينة جاء أن 100 شاحنة دخلت.", "100 شاحنة", Some("محافظ المدينة")),
        c("وجاء في بيان صادر عن الجيش أن 6 جنود أصيبوا.", "6 جنود", Some("الجيش")),
        c("ووفق الخطة الموضوعة، ستصل 50 حافلة غداً.", "50 حافلة", None),
        c("وتم توزيع الحصص وفق المعايير المعتمدة على 300 أسرة.", "300 أسرة", None),
    ]);
}

#[test]
fn anonymous_collective_and_passive_reporting() {
    check(&[
        c("وأفادت مصادر أمنية بأن 14 مسلحاً سلموا أنفسهم.", "14 مسلحاً", Some("مصادر أمنية")),
        c("وتشير التقارير إلى فقدان 35 شخصاً.", "35 شخصاً", Some("التقارير")),
        c("ويقول ناشطون إن القصف طال 8 قرى.", "8 قرى", Some("ناشطون")),
        c("وروى شهود عيان أن 20 سيارة احترقت.", "20 سيارة", Some("شهود عيان")),
        c("وذكر عدد من المعلمين أن 40 مدرسة أغلقت.", "40 مدرسة", Some("عدد من المعلمين")),
    ]);
}

#[test]
fn quotations_across_sentences_and_paragraphs() {
    // a quotation spanning sentences keeps its opener's speaker
    let t = "وقالت المديرة سعاد: \"بدأنا العمل فجراً. وبحلول المساء كنا قد استقبلنا 70 طفلاً\".";
    assert_eq!(run(t, &["70 طفلاً"])[0].speaker.as_ref().unwrap().text, "المديرة سعاد");
    // claimed by the next sentence
    let t = "\"لم يبق في القرية سوى 12 عائلة\". هذا ما قاله المختار أبو سليم.";
    let q = &run(t, &["12 عائلة"])[0];
    assert_eq!(q.speaker.as_ref().unwrap().text, "المختار أبو سليم");
    assert_eq!(q.stance, Stance::Assert);
    // claimed across a paragraph break
    let t = "\"عبرنا النهر ومعنا 30 طفلاً\"\n\nبهذه الكلمات وصف اللاجئ كريم رحلته.";
    assert_eq!(run(t, &["30 طفلاً"])[0].speaker.as_ref().unwrap().text, "اللاجئ كريم");
    // a cue right after the quotation
    let t = "\"وصلنا بعد 9 ساعات من المشي\"، يقول الشاب مازن.";
    assert_eq!(run(t, &["9 ساعات"])[0].speaker.as_ref().unwrap().text, "الشاب مازن");
    // a quoted name is not speech
    let t = "وأعلنت \"جمعية الأمل\" توزيع 400 سلة غذائية.";
    assert_eq!(run(t, &["400 سلة"])[0].speaker.as_ref().unwrap().text, "جمعية الأمل");
}

#[test]
fn carry_forward_through_continuation_verbs() {
    let t = "وقال الطبيب نادر إن الجرحى كثر. وأضاف: \"استقبلنا 45 مصاباً\". وتابع أن 5 منهم في حالة حرجة.\nوأردف: 3 غرف عمليات تعمل.";
    let qs = run(t, &["45 مصاباً", "5 منهم", "3 غرف"]);
    for q in &qs {
        assert_eq!(q.speaker.as_ref().map(|p| p.text.as_str()), Some("الطبيب نادر"), "{}", q.text);
    }
    assert_eq!(qs[1].cue.as_deref(), Some("تابع"));
    // without a previous speaker in reach, a pronoun subject stays unknown
    let t = "وأضاف أن 5 مبان انهارت.";
    assert!(run(t, &["5 مبان"])[0].speaker.is_none());
    // a narrative sentence does not inherit the last speaker
    let t = "وقال المختار إن الوضع صعب. وفي المساء وصلت 12 شاحنة.";
    assert!(run(t, &["12 شاحنة"])[0].speaker.is_none());
    // the pronoun verb's gender picks its party: أضاف is the observatory's, أضافت the
    // ministry's, whichever spoke last
    let t = "وقال المرصد إن القصف توقف. وقالت الوزارة إن المعابر مغلقة. وأضاف أن 8 قرى تضررت. وأضافت أن 4 مدارس أغلقت.";
    let qs = run(t, &["8 قرى", "4 مدارس"]);
    let who: Vec<_> = qs.iter().map(|q| q.speaker.as_ref().map(|p| p.text.as_str())).collect();
    assert_eq!(who, [Some("المرصد"), Some("الوزارة")]);
    // a party of the other gender is still better than none in reach
    let t = "وقالت اللجنة إن العمل مستمر. وأوضح أن 6 فرق وصلت.";
    assert_eq!(run(t, &["6 فرق"])[0].speaker.as_ref().map(|p| p.text.as_str()), Some("اللجنة"));
}

#[test]
fn stance() {
    let deny = |text, figure, speaker| Case { text, figure, speaker, deny: true, source: None };
    check(&[
        deny("ونفى المتحدث العسكري أن يكون 40 جندياً قد أسروا.", "40 جندياً", Some("المتحدث العسكري")),
        deny("وأنكرت الشركة أن يكون 200 عامل قد فصلوا.", "200 عامل", Some("الشركة")),
        deny("ولم يؤكد الجيش مقتل 30 مسلحاً.", "30 مسلحاً", Some("الجيش")),
        deny("وقال المحافظ إنه لا صحة لوجود 500 معتقل.", "500 معتقل", Some("المحافظ")),
        deny("وقال السائق إنه حمل خمسين راكباً، وليست حافلة واحدة.", "حافلة واحدة", Some("السائق")),
        // a denial of a deal, then a figure stated: asserted
        c("ونفى المتحدث وجود أي صفقة، مؤكداً أن 80 مقاتلاً استسلموا.", "80 مقاتلاً", Some("المتحدث")),
        c("ونفت الوزارة وجود اتفاق، لكنها قالت إن 60 أسيراً أطلقوا.", "60 أسيراً", Some("الوزارة")),
        // `لم ... سوى` asserts a small number
        c("وأكد المسؤول أنه لم يغادر سوى 4 أشخاص.", "4 أشخاص", Some("المسؤول")),
        c("ولم ينف الجيش مقتل 30 مسلحاً.", "30 مسلحاً", Some("الجيش")),
        // a concessive masdar is no denial of the figure
        c("ورغم إنكار الشركة، فقد شارك 70 عاملاً في الإضراب.", "70 عاملاً", None),
    ]);
}

#[test]
fn relay_chain() {
    let r = |text, figure, speaker, source| Case {
        text,
        figure,
        speaker: Some(speaker),
        deny: false,
        source: Some(source),
    };
    check(&[
        r("وقال المسعف خالد لـ\"الجزيرة\" إن 17 شخصاً نقلوا.", "17 شخصاً", "المسعف خالد", "الجزيرة"),
        r("ونقلت وكالة رويترز عن مسؤول محلي أن 11 شخصاً قتلوا.", "11 شخصاً", "مسؤول محلي", "وكالة رويترز"),
        r("وبحسب \"بي بي سي\"، قال سائق إن 300 شخص ركبوا.", "300 شخص", "سائق", "بي بي سي"),
        r("وذكرت وسائل إعلام غربية نقلاً عن سائقين أن 50 شاحنة عبرت.", "50 شاحنة", "سائقين", "وسائل إعلام غربية"),
        r("وأكدت مصادر محلية لوكالة الأناضول أن 90 أسرة نزحت.", "90 أسرة", "مصادر محلية", "وكالة الأناضول"),
        // after a definite institution, an outlet after لـ is the addressee
        r("وقالت الوزارة لوكالة الأنباء المحلية إن 16 شخصاً قتلوا.", "16 شخصاً", "الوزارة", "وكالة الأنباء المحلية"),
        // a participle that carries the speaker on carries its relay too
        r("وقال المسعف خالد لرويترز إن الطريق مغلق، مضيفاً أن 6 سيارات احترقت.", "6 سيارات", "المسعف خالد", "رويترز"),
        // the addressee after where the speaker sits
        r("وقال قيادي في \"الجبهة\" لموقع \"الرصد\" إن الفصيل يضم 900 مقاتل.", "900 مقاتل", "قيادي", "موقع \"الرصد\""),
        // the addressee after a titled apposition between commas; the name in the
        // apposition is the speaker's mention (rule `called-name`)
        r(
            "وقال المتحدث باسم الدفاع المدني، المهندس سامي ناصر، لإذاعة \"الشام\" إن 14 منزلاً انهار.",
            "14 منزلاً",
            "المهندس سامي ناصر",
            "إذاعة \"الشام\"",
        ),
    ]);
}

#[test]
fn entity_ids_resolve_aliases_acronyms_and_name_variants() {
    let id = |text: &str, figure: &str| run(text, &[figure])[0].speaker.as_ref().and_then(|p| p.id.clone());
    let cases: [(&str, &str, Option<&str>); 10] = [
        ("وقالت قسد إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("sdf")),
        ("وقالت \"سورية الديمقراطية\" إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("sdf")),
        ("وأعلن تنظيم الدولة أنه أسر 5 جنود.", "5 جنود", Some("isis")),
        ("وقال الكولونيل ريان ديلون إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("ryan-dillon")),
        ("وقال العقيد رايان ديلون إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("ryan-dillon")),
        ("وقال المرصد السوري لحقوق الإنسان إن 30 شخصاً قتلوا.", "30 شخصاً", Some("sohr")),
        // a surname alone after the full name in the same text
        ("قال الطبيب سامر الخطيب إن الوضع صعب. وأضاف الخطيب أن 8 أطفال أصيبوا.", "8 أطفال", Some("smr-alkhtb")),
        // a kunya with أم is not the one with أبو
        ("وقالت أم سامر إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("amsmr")),
        ("وقال أبو سامر إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", Some("absmr")),
        // anonymous parties have no identity
        ("وقالت مصادر في قسد إن 30 مقاتلاً استسلموا.", "30 مقاتلاً", None),
    ];
    let mut bad = Vec::new();
    for (t, f, want) in cases {
        let got = id(t, f);
        if got.as_deref() != want {
            bad.push(format!("{t}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    // an acronym the text defines takes the id of the name it abbreviates
    let t = "وقالت هيئة تنسيق الإغاثة (هتا) إن 30 شاحنة وصلت. وأضافت هتا أن 12 أخرى في الطريق.";
    let qs = run(t, &["30 شاحنة", "12 أخرى"]);
    let ids: Vec<_> = qs.iter().map(|q| q.speaker.as_ref().and_then(|p| p.id.clone())).collect();
    assert!(ids[0].is_some() && ids[0] == ids[1], "{ids:?}");
    assert_eq!(qs[1].speaker.as_ref().unwrap().text, "هتا");
    // a lone definite head names the last party it heads: المنظمة after منظمة X
    let ids_of = |t: &str, figs: &[&str]| -> Vec<Option<String>> {
        run(t, figs).iter().map(|q| q.speaker.as_ref().and_then(|p| p.id.clone())).collect()
    };
    let ids = ids_of(
        "وقالت منظمة الإغاثة الطبية إن 40% من العيادات مغلقة. وأوضحت المنظمة أن 9 أطباء غادروا.",
        &["40%", "9 أطباء"],
    );
    assert!(ids[0].is_some() && ids[0] == ids[1], "{ids:?}");
    // but not a head it never saw, nor one named only after it
    let ids = ids_of(
        "وأوضحت المنظمة أن 9 أطباء غادروا. وقالت منظمة الإغاثة الطبية إن 40% من العيادات مغلقة.",
        &["9 أطباء", "40%"],
    );
    assert!(ids[0].is_none() && ids[1].is_some(), "{ids:?}");
    let ids = ids_of(
        "وقالت منظمة الإغاثة الطبية إن 40% من العيادات مغلقة. وأوضحت الوزارة أن 9 أطباء غادروا.",
        &["40%", "9 أطباء"],
    );
    assert!(ids[1].is_none(), "{ids:?}");
}

#[test]
fn entity_index_merges_across_documents() {
    let docs = [
        ("a", "وقال الكولونيل رايان ديلون المتحدث باسم التحالف الدولي إن 30 مقاتلاً استسلموا. وقالت قوات سوريا الديمقراطية (قسد) إن المعركة انتهت."),
        ("b", "ويؤكد ديلون أن 4 فقط بقوا. وأعلنت قسد أن الرقة تحررت، وقال الطبيب سامر الخطيب إن 9 أصيبوا."),
        ("c", "وقال الخطيب إن 3 أطفال توفوا. وقالت حداد إن 5 نجوا."),
        ("d", "وأكدت الوزيرة سلمى حداد أن 7 مدارس فتحت."),
        ("e", "وقال أبو حسن الحلبي إن 5 قتلوا. وأضاف أبو حسن أن 3 فروا."),
    ];
    let mut idx = isnad_attrib::EntityIndex::new();
    for (id, t) in docs {
        idx.add_document(id, &isnad_text::analyze(t));
    }
    let ents = idx.entities();
    let get = |id: &str| ents.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} missing: {ents:#?}"));
    let dillon = get("ryan-dillon");
    assert_eq!(dillon.kind, isnad_attrib::EntityKind::Person);
    assert!(dillon.mentions.iter().any(|m| m.doc == "a") && dillon.mentions.iter().any(|m| m.doc == "b"));
    let sdf = get("sdf");
    assert!(sdf.mentions.iter().filter(|m| m.doc == "a").count() >= 2, "{sdf:#?}");
    assert!(sdf.mentions.iter().any(|m| m.doc == "b"));
    get("coalition");
    // a lone surname in another document joins the one full name that carries it
    let khatib = get("smr-alkhtb");
    assert!(khatib.mentions.iter().any(|m| m.doc == "c"), "{khatib:#?}");
    let haddad = get("slm-hdd");
    assert!(haddad.mentions.iter().any(|m| m.doc == "c"), "{haddad:#?}");
    assert_eq!(idx.canonical("hdd"), "slm-hdd");
    // a kunya alone joins the full name it opens
    let halabi = get("abhsn-alhlb");
    assert_eq!(halabi.mentions.iter().filter(|m| m.doc == "e").count(), 2, "{halabi:#?}");
    for e in &ents {
        for m in &e.mentions {
            let t = docs.iter().find(|d| d.0 == m.doc).unwrap().1;
            assert_eq!(&t[m.start..m.end], m.text);
        }
    }
    let json = serde_json::to_string(&ents).unwrap();
    assert!(json.contains("\"kind\":\"person\""));
}

#[test]
fn a_verbal_noun_after_a_reporting_verb_is_its_object() {
    let deny = |text, figure, speaker| Case { deny: true, ..c(text, figure, Some(speaker)) };
    check(&[
        // the subject stands between verb and object
        c("أعلنت فرق الإنقاذ مقتل 4 عمال وإصابة 9 آخرين في الحريق.", "4 عمال", Some("فرق الإنقاذ")),
        c("أعلنت فرق الإنقاذ مقتل 4 عمال وإصابة 9 آخرين في الحريق.", "9 آخرين", Some("فرق الإنقاذ")),
        c("وأكد المهندس نبيل سقوط 11 عموداً كهربائياً.", "11 عموداً", Some("المهندس نبيل")),
        deny("ونفت إدارة السجن هروب 25 سجيناً.", "25 سجيناً", "إدارة السجن"),
        // the subject before the verb
        c("الشرطة أعلنت اعتقال 60 شخصاً في الحي.", "60 شخصاً", Some("الشرطة")),
        // a pronoun subject: the party named in the sentence before
        c("وتحدث مدير الميناء عن الأضرار. وأعلن خروج 13 سفينة من الخدمة.", "13 سفينة", Some("مدير الميناء")),
        c("وتحدث مدير الميناء عن الأضرار. وأفاد بوصول 6 سفن جديدة.", "6 سفن", Some("مدير الميناء")),
        // nobody named: the outlet's own voice, not the verbal noun
        c("وأعلن مقتل 3 صيادين في العاصفة.", "3 صيادين", None),
        c("وأكد اعتقال 17 مهرباً على الحدود.", "17 مهرباً", None),
        // a verbal noun with no reporting verb names nobody
        c("وأدى الانفجار إلى مقتل 5 أشخاص.", "5 أشخاص", None),
        // a noun outside the list still names the speaker
        c("وأعلن مصدر أمني مقتل 2 من المهربين.", "2 من المهربين", Some("مصدر أمني")),
    ]);
}
