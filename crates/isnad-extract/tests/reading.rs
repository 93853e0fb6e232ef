//! What a claim says, read from sentences of our own in both languages: the counted
//! noun, the action, the speaker, the cue and the relay. Each row is one reading with
//! the whole answer expected, positive cases next to the near misses they must not
//! catch. Keyed on the claim's text, so a row fails when its claim is not found.

use isnad_extract::{extract, Options};
use isnad_model::{Quantity, Record};

/// `(text, claim text, counted, action, speaker, cue, source)`; `-` stands for none.
type Row = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

fn claim(text: &str, span: &str) -> Quantity {
    extract(text, &Options::default())
        .into_iter()
        .find_map(|r| match r {
            Record::Quantity(q) if q.text == span => Some(q),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no claim {span:?} in {text:?}"))
}

fn check(rows: &[Row]) {
    let mut failed = Vec::new();
    for &(text, span, counted, action, speaker, cue, source) in rows {
        let q = claim(text, span);
        let dash = |s: Option<&str>| s.unwrap_or("-").to_string();
        let got = (
            dash(q.counted.as_deref()),
            dash(q.frame.action.as_deref()),
            dash(q.speaker.as_ref().map(|s| s.text.as_str())),
            dash(q.cue.as_deref()),
            dash(q.source.as_ref().map(|s| s.text.as_str())),
        );
        let want = (counted.to_string(), action.to_string(), speaker.to_string(), cue.to_string(), source.to_string());
        if got != want {
            failed
                .push(format!("{text}\n  {span}: got {got:?}\n  {}  want {want:?}", " ".repeat(span.chars().count())));
        }
    }
    assert!(failed.is_empty(), "{} of {} rows:\n{}", failed.len(), rows.len(), failed.join("\n"));
}

#[test]
fn arabic_readings() {
    check(&[
        // rule `relative-speaker`: after a party, الذي/التي is the reporting verb's subject
        ("وكانت الأمم المتحدة التي قدرت عدد النازحين بنحو 50 ألف شخص قد حذرت من كارثة.", "بنحو 50 ألف شخص", "شخص", "displaced", "الأمم المتحدة", "قدرت", "-"),
        ("المرصد الذي أفاد بمقتل 20 شخصا في القصف.", "20 شخصا", "شخصا", "killed", "المرصد", "أفاد", "-"),
        // rule `object-relative`: inside another cue's reach, a verb whose object pronoun
        // stands for the indefinite noun before it is that noun's relative clause
        ("وقال الوزير في تسجيل مصور نشره الموقع الرسمي إن 30 مقاتلا استسلموا.", "30 مقاتلا", "مقاتلا", "surrendered", "الوزير", "قال", "-"),
        // ... not a verb that opens the sentence's reporting; a preposition with a pronoun
        // (`فيه`) is no speaker
        ("بيان نشرته الوزارة قالت فيه إن 30 مقاتلا استسلموا.", "30 مقاتلا", "مقاتلا", "surrendered", "الوزارة", "قالت", "-"),
        // a number noun after a speaker's head opens what is counted (`عدد المفقودين`) ...
        ("وقدّر مسؤول محلي عدد المفقودين بالعشرات.", "بالعشرات", "المفقودين", "missing", "مسؤول محلي", "قدّر", "-"),
        // ... while a mention may open with one (`عدد من السائقين`)
        ("وقال عدد من السائقين إن 30 شخصا غادروا المدينة.", "30 شخصا", "شخصا", "left", "عدد من السائقين", "قال", "-"),
        // `في حين` ("whereas") is a conjunction, no speaker: the pronoun verb after it
        // refers back to the party before
        ("ولم تؤكد السلطات هذه الأرقام، في حين قالت إن 4 جنود أصيبوا بجروح.", "4 جنود", "جنود", "wounded", "السلطات", "قالت", "-"),
        ("وسقط 12 قتيلا في حين قال المتحدث إن 5 عسكريين أصيبوا.", "5 عسكريين", "عسكريين", "wounded", "المتحدث", "قال", "-"),
        // an anonymous source named by an institution's construct (`في وزارة الداخلية`)
        ("وأوضح مسؤول في وزارة الداخلية، طلب عدم الكشف عن اسمه، أن بين القتلى 8 من عناصر الأمن.", "8 من عناصر الأمن", "عناصر الأمن", "killed", "مسؤول في وزارة الداخلية", "أوضح", "-"),
        ("وقال مصدر في الشرطة إن 3 أطفال توفوا جراء البرد.", "3 أطفال", "أطفال", "killed", "مصدر في الشرطة", "قال", "-"),
        // rule `nominal-own-figure`: an "according to" whose clause gave its own figure
        // relays nobody after it ...
        ("وبحسب وكالة رويترز، فإن عدد القتلى بلغ 27 شخصا، بينما أفادت وسائل إعلام محلية بسقوط 35 قتيلا.", "35 قتيلا", "قتيلا", "killed", "وسائل إعلام محلية", "أفادت", "-"),
        // ... but relays the speaker of the verb it opens
        ("وبحسب رويترز، قال مسؤول محلي إن 12 شخصا قتلوا.", "12 شخصا", "شخصا", "killed", "مسؤول محلي", "قال", "رويترز"),
        // a part of them as the verb's subject (`فر نصفهم`) takes the verb: the
        // population beside it has no action
        ("ويقدر عدد سكان المدينة بنحو 250 ألف نسمة، فر نصفهم على الأقل منذ بدء المعارك.", "بنحو 250 ألف نسمة", "نسمة", "-", "-", "-", "-"),
        ("ونزح 40 ألف شخص من المدينة، معظمهم من النساء والأطفال.", "40 ألف شخص", "شخص", "displaced", "-", "-", "-"),
        // rule `opening-adverbial`: `من جهته،` opens the sentence; the verb after it is
        // no postposed cue, even with an apposition between commas ...
        ("من جهته، قال مصدر عسكري، المسؤول عن البلدة، إن 800 مسلح خرجوا.", "800 مسلح", "مسلح", "left", "مصدر عسكري", "قال", "-"),
        // ... while a figure before the comma is what a postposed verb reports
        ("قتل 30 شخصا، قال مصدر طبي، مضيفا أن 5 أطفال أصيبوا.", "30 شخصا", "شخصا", "killed", "مصدر طبي", "قال", "-"),
        // rule `counted-speakers`: a mention may open with a count of the speakers themselves
        ("قتل 30 شخصا في القصف، وفق ما ذكرت أربعة مصادر ميدانية.", "30 شخصا", "شخصا", "killed", "أربعة مصادر ميدانية", "وفق", "-"),
        ("وقال 3 مسؤولين إن 40 شخصا قتلوا.", "40 شخصا", "شخصا", "killed", "3 مسؤولين", "قال", "-"),
        // ... but a count of anything else closes it
        ("وقال المسؤول إن 5 مدنيين أصيبوا في القصف.", "5 مدنيين", "مدنيين", "wounded", "المسؤول", "قال", "-"),
        // rule `asyndetic-speaker`: an indefinite party right before the verb, even after a preposition
        ("وتباينت الأرقام بين منظمة محلية أعلنت عن خروج نحو 17 ألف شخص.", "نحو 17 ألف شخص", "شخص", "left", "منظمة محلية", "أعلنت", "-"),
        // ... but a report that spoke of something is what is answered, not who speaks
        ("ونفى البنتاغون صحة تقارير إعلامية تحدثت عن خروج 250 مقاتلا.", "250 مقاتلا", "مقاتلا", "left", "البنتاغون", "نفى", "-"),
        // ... the antecedent glued to its preposition, an accusative adverb before it
        ("وتراوحت الأرقام بين 17 ألفا مروراً بمنظمة أوشا التي أعلنت عن 19 ألف شخص.", "19 ألف شخص", "شخص", "-", "منظمة أوشا", "أعلنت", "-"),
        // ... after anything else the clause reports nothing after it
        ("وهذا أقل من الرقم الذي أعلنه المرصد، وقتل 20 شخصا في القصف.", "20 شخصا", "شخصا", "killed", "-", "-", "-"),
        // a preposition after the number is no counted noun: the clause's subject is
        ("وتجاوز عدد المصابين 300 بحسب مصادر طبية.", "300", "المصابين", "wounded", "مصادر طبية", "بحسب", "-"),
        ("وارتفع عدد القتلى إلى 40 وفق مصادر محلية.", "40", "القتلى", "killed", "مصادر محلية", "وفق", "-"),
        // a noun after the number still is
        ("وقال الدفاع المدني إن 30 مسعفا أصيبوا.", "30 مسعفا", "مسعفا", "wounded", "الدفاع المدني", "قال", "-"),
        // the displaced, named by their participle, are counted as displaced
        ("وبلغ عدد النازحين قرابة مليوني شخص.", "قرابة مليوني شخص", "شخص", "displaced", "-", "-", "-"),
        ("وتضم المخيمات آلاف المهجرين.", "آلاف المهجرين", "المهجرين", "displaced", "-", "-", "-"),
        // a conjoined noun with a number after it heads the next count, not this one's noun
        ("وأسفرت الغارة عن مقتل 29 طفلا وإصابة 48 آخرين.", "29 طفلا", "طفلا", "killed", "-", "-", "-"),
        ("وأسفرت الغارة عن مقتل 29 طفلا وإصابة 48 آخرين.", "48 آخرين", "آخرين", "wounded", "-", "-", "-"),
        ("وقتل 5 نساء وأطفال في القصف.", "5 نساء وأطفال", "نساء وأطفال", "killed", "-", "-", "-"),
        // the bodies are the dead, whatever carried them
        ("ونقلت سيارات الإسعاف عشرات الجثامين إلى المستشفى.", "عشرات الجثامين", "الجثامين", "killed", "-", "-", "-"),
        // lives lost are a toll; lives threatened are not
        ("وفقد 40 شخصا حياتهم في الفيضان.", "40 شخصا", "شخصا", "killed", "-", "-", "-"),
        ("فقد 40 شخصا حياتهم في الفيضان.", "40 شخصا", "شخصا", "killed", "-", "-", "-"),
        ("وأودت الغارة بحياة 12 مدنيا.", "12 مدنيا", "مدنيا", "killed", "-", "-", "-"),
        ("وقال إن 40 ألف شخص حياتهم مهددة.", "40 ألف شخص", "شخص", "-", "-", "قال", "-"),
        // whose source or office: في and a definite noun after an anonymous head or a
        // title; then the bare words that end the mention are the name
        (
            "وذكرت وكالة سانا نقلا عن مصدر في الشرطة أن 12 شخصا قتلوا.",
            "12 شخصا",
            "شخصا",
            "killed",
            "مصدر في الشرطة",
            "نقلا عن",
            "وكالة سانا",
        ),
        ("وقال مصدر في تصريح إن 12 شخصا قتلوا.", "12 شخصا", "شخصا", "killed", "مصدر", "قال", "-"),
        (
            "وقال مدير الدفاع المدني في المدينة أحمد الخطيب إن 45 شخصا قتلوا.",
            "45 شخصا",
            "شخصا",
            "killed",
            "أحمد الخطيب",
            "قال",
            "-",
        ),
        // a role named after its own place and quotes (`ويدعى`), in its own sentence only
        (
            "من جانبه أشار عضو \"النقطة20\" الطبية في ريف إدلب الجنوبي، ويدعى \"أبو عبد الله\"، أنهم استقبلوا 150 حالة اختناق.",
            "150 حالة اختناق",
            "حالة اختناق",
            "wounded",
            "أبو عبد الله",
            "أشار",
            "-",
        ),
        (
            "وقتل 17 مدنياً على الأقل، بحسب ما أفاد به الدفاع المدني المحلي.\n\nونقلت وكالة أنباء السوسن عن سائق حافلة يدعى أبو خليل قوله إن الطريق مغلق.",
            "17 مدنياً على الأقل",
            "مدنياً",
            "killed",
            "الدفاع المدني المحلي",
            "بحسب ما",
            "-",
        ),
        // a line label that is a place is a dateline, not a speaker; a party's label speaks
        ("سوريا: مقتل 40 مدنيا في غارة\n\nنص الخبر.", "40 مدنيا", "مدنيا", "killed", "-", "-", "-"),
        ("الأمم المتحدة: 5 آلاف نازح في يومين\n\nنص الخبر.", "5 آلاف نازح", "نازح", "displaced", "الأمم المتحدة", "-", "-"),
        // a country carried onto a quotation still speaks
        ("وقالت روسيا إن الهجوم مفبرك.\n\"قتل 40 شخصا فقط\".", "40 شخصا", "شخصا", "killed", "روسيا", "-", "-"),
        // `بحسب ما نقلت X عن Y`: Y speaks, X relays
        ("وقتل 30 شخصا، بحسب ما نقلت وكالة رويترز عن مصادر طبية.", "30 شخصا", "شخصا", "killed", "مصادر طبية", "بحسب ما", "وكالة رويترز"),
        ("وقتل 30 شخصا، بحسب ما ذكرت وكالة رويترز.", "30 شخصا", "شخصا", "killed", "وكالة رويترز", "بحسب ما", "-"),
        // executions are a toll
        ("وكشف تقرير أن 13 ألف معتقل أعدموا.", "13 ألف معتقل", "معتقل", "killed", "تقرير", "كشف", "-"),
        // release is an action of its own, apart from arrest
        ("وأفرج عن 50 معتقلا.", "50 معتقلا", "معتقلا", "released", "-", "-", "-"),
        ("واعتقل 20 شخصا.", "20 شخصا", "شخصا", "arrested", "-", "-", "-"),
        // not every word near a camp is a departure
        ("وتضم المخيمات 12 مدرسة.", "12 مدرسة", "مدرسة", "-", "-", "-", "-"),
    ]);
}

/// The place a claim's sentence names, read apart from the speaker's own name.
/// What a count counts when its own words name nothing: `(text, claim, kind, class)`.
#[test]
fn counts_without_a_noun_of_their_own() {
    let rows: &[(&str, &str, &str, &str)] = &[
        // rule `elided-count`: after a count of people in the sentence, the noun is left out
        ("أعلن الوزير مقتل 3 آلاف شخص، متوقعا ارتفاع العدد إلى 10 آلاف.", "10 آلاف", "people", "people"),
        ("منظمة محلية أعلنت عن 17 ألف شخص، وأخرى أعلنت عن 19 ألف.", "19 ألف", "people", "people"),
        ("وتلقى أكثر من 17 ألف منهم المساعدات، كما تلقى 2810 الرعاية الطبية.", "2810", "people", "people"),
        // ... but not after a count of things (whose class it may share), nor from another sentence
        ("وبلغ عدد الشاحنات 30 شاحنة، وعاد 12 إلى المعبر.", "12", "other", "trucks"),
        ("قتل 40 شخصا في القصف. وسجل المرصد 12 في اليوم التالي.", "12", "other", "-"),
        // rule `person-class-counts-people`: a class of persons read by the frame is a count of people
        ("وعدد الضحايا 58 بينهم 11 طفلا.", "58 بينهم", "people", "people"),
        ("وبلغ عدد الأشخاص الذين تم إجلاؤهم 25 ألفاً.", "25 ألفاً", "people", "people"),
        // rule `verb-is-no-noun`: a plural verb of the story after the number says what they did
        ("وقال المسؤول إن 40 غادروا المدينة أمس.", "40", "people", "people"),
        ("وانتخب المجلس 15 عضوا جديدا.", "15 عضوا", "people", "-"),
    ];
    let mut failed = Vec::new();
    for &(text, span, kind, class) in rows {
        let q = claim(text, span);
        let got = (q.kind.as_str().to_string(), q.frame.class.clone().unwrap_or_else(|| "-".into()));
        if got != (kind.to_string(), class.to_string()) {
            failed.push(format!("{text}\n  {span}: got {got:?}, want ({kind:?}, {class:?})"));
        }
    }
    assert!(failed.is_empty(), "{} of {} rows:\n{}", failed.len(), rows.len(), failed.join("\n"));
}

#[test]
fn a_speakers_name_is_not_the_claims_place() {
    let rows: &[(&str, &str, Option<&str>)] = &[
        ("وأعلنت قوات سوريا الديمقراطية أن بضع عشرات من المقاتلين غادروا.", "بضع عشرات من المقاتلين", None),
        ("ونفت روسيا أن يكون 40 شخصا قتلوا في الهجوم على دوما.", "40 شخصا", Some("douma")),
        ("وقال المرصد إن 30 شخصا قتلوا في إدلب.", "30 شخصا", Some("idlib")),
    ];
    for &(text, span, place) in rows {
        assert_eq!(claim(text, span).frame.place.as_deref(), place, "{text}");
    }
}

/// Who asserts and who denies: a denial's `saying` clause asserts.
#[test]
fn stances() {
    use isnad_model::Stance;
    let rows: &[(&str, &str, Stance)] = &[
        (
            "The SDF denied any deal, saying only a few dozen fighters had surrendered.",
            "a few dozen fighters",
            Stance::Assert,
        ),
        ("The army rejected reports that 300 civilians had been killed.", "300 civilians", Stance::Deny),
        ("ونفى الجيش أن يكون 40 مدنياً قد قتلوا في الغارة.", "40 مدنياً", Stance::Deny),
    ];
    for &(text, span, stance) in rows {
        assert_eq!(claim(text, span).stance, stance, "{text}");
    }
}

#[test]
fn english_readings() {
    check(&[
        // a quotation with its speaker after it, in a paragraph that named another one
        (
            "At least 42 people were killed, the ministry said on Tuesday.\n\"We have counted 1,200 bodies so far,\" a Red Crescent official told Reuters.",
            "1,200 bodies",
            "bodies",
            "killed",
            "a Red Crescent official",
            "told",
            "Reuters",
        ),
        (
            "At least 42 people were killed, the ministry said. \"We have counted 1,300 bodies,\" a local official said.",
            "1,300 bodies",
            "bodies",
            "killed",
            "a local official",
            "said",
            "-",
        ),
        ("An opposition official said 15 fighters were captured.", "15 fighters", "fighters", "arrested", "An opposition official", "said", "-"),
        // `citing X`: X speaks, the one citing relays (as نقلا عن); not when X names no one
        (
            "About 500 patients showed symptoms, the WHO said, citing local partners.",
            "About 500 patients",
            "patients",
            "treated",
            "local partners",
            "citing",
            "the WHO",
        ),
        (
            "At least 10 people were killed, the army said, citing the need for secrecy.",
            "At least 10 people",
            "people",
            "killed",
            "the army",
            "said",
            "-",
        ),
        // `the ministry` is the ministry named before, not the last speaker
        (
            "The Gaza health ministry said 400 people were killed.\n\n\"We counted 30 bodies,\" a doctor said.\n\nAt least 500 people were killed, the ministry said later.",
            "At least 500 people",
            "people",
            "killed",
            "The Gaza health ministry",
            "said",
            "-",
        ),
        // a share of what follows (`one in five residents`); homes lost are no toll
        ("One in five residents lost their homes.", "One in five residents", "residents", "-", "-", "-", "-"),
        ("Egypt lost 148 pilgrims in the crush.", "148 pilgrims", "pilgrims", "killed", "-", "-", "-"),
        // a headline's label speaks for its figures, unless it is a place or names no one
        ("UN: 5,000 displaced in two days\n\nText.", "5,000 displaced", "displaced", "displaced", "UN", "-", "-"),
        ("Syria: 40 killed in air strike\n\nText.", "40 killed", "killed", "killed", "-", "-", "-"),
        ("Breaking: 30 dead in blast\n\nText.", "30 dead", "dead", "killed", "-", "-", "-"),
        // the displaced are displaced unless a verb says what they did
        ("Some 300 evacuees had returned to the town.", "Some 300 evacuees", "evacuees", "returned", "-", "-", "-"),
        ("The rebels freed 20 hostages.", "20 hostages", "hostages", "released", "-", "-", "-"),
        // a verb with a count of its own after it is that count's, not this one's
        (
            "A car bomb exploded, killing at least 12 people and injuring 40 others, police said.",
            "at least 12 people",
            "people",
            "killed",
            "police",
            "said",
            "-",
        ),
        (
            "A car bomb exploded, killing at least 12 people and injuring 40 others, police said.",
            "40 others",
            "others",
            "wounded",
            "police",
            "said",
            "-",
        ),
        ("Rescuers pulled 14 survivors from the rubble, while 40 more remain missing.", "14 survivors", "survivors", "-", "-", "-", "-"),
        // a denial's `saying ...` is what the denier asserts; a scale after a vague count
        (
            "The SDF denied any deal, saying only a few dozen fighters had surrendered.",
            "a few dozen fighters",
            "fighters",
            "surrendered",
            "The SDF",
            "saying",
            "-",
        ),
        ("The army rejected reports that 300 civilians had been killed.", "300 civilians", "civilians", "killed", "The army", "rejected", "-"),
        // `told the BBC`: the outlet after its article relays
        ("Witnesses told the BBC that about 50 trucks left the city.", "about 50 trucks", "trucks", "left", "Witnesses", "told", "the BBC"),
        ("A police source told AFP that 300 people were arrested.", "300 people", "people", "arrested", "A police source", "told", "AFP"),
        // `official` before a noun that is also a verb of saying: no speaker there
        ("Official estimates of 300 dead were disputed.", "300 dead", "dead", "killed", "-", "-", "-"),
        // an attribution between commas speaks for the clause before it and the appendix
        // after it
        (
            "The death toll rose to 45 on Wednesday, the health ministry said in a statement, up from 31 a day earlier.",
            "45",
            "-",
            "killed",
            "the health ministry",
            "said",
            "-",
        ),
        (
            "The death toll rose to 45 on Wednesday, the health ministry said in a statement, up from 31 a day earlier.",
            "31",
            "-",
            "killed",
            "the health ministry",
            "said",
            "-",
        ),
        // `, and X said N`: a clause of its own, with its own speaker
        (
            "The UN warned that about 2,000 people remained trapped, and aid workers said 300 children were malnourished.",
            "about 2,000 people",
            "people",
            "-",
            "The UN",
            "warned",
            "-",
        ),
        (
            "The UN warned that about 2,000 people remained trapped, and aid workers said 300 children were malnourished.",
            "300 children",
            "children",
            "-",
            "aid workers",
            "said",
            "-",
        ),
        // a participle between commas is no subject; a clause `that` opens is what is said
        (
            "Sources familiar with the talks, speaking on condition of anonymity, said 600 fighters had left.",
            "600 fighters",
            "fighters",
            "left",
            "Sources familiar with the talks",
            "said",
            "-",
        ),
        ("Reports that 1,200 fighters had left, first published by the group, were disputed.", "1,200 fighters", "fighters", "left", "-", "-", "-"),
        // `put the … number of X at N`: who counted
        ("Officials put the real number of armed men at 500.", "500", "-", "-", "Officials", "put", "-"),
        // `killing N and wounding M`: each verb heads its own count
        ("A bomber struck a wedding hall, killing 63 people and wounding 182, the ministry said.", "182", "-", "wounded", "the ministry", "said", "-"),
        // a title's dot does not end the name after an inverted verb
        ("Hospitals received more than 100 wounded, said Dr. Ahmad Shah, a surgeon.", "more than 100 wounded", "wounded", "wounded", "Dr. Ahmad Shah", "said", "-"),
        // `…, a claim X denied`: an apposition to what was said, not its attribution
        ("Rebels said they had killed 35 soldiers, a claim the government denied.", "35 soldiers", "soldiers", "killed", "Rebels", "said", "-"),
        // `"…," said X`: X, the subject after the verb, is who `we` are in the next quotation
        (
            "\"The situation is catastrophic,\" said Fabrizio Carboni, the ICRC regional director. \"We estimate that some 15,000 families have no shelter.\"",
            "some 15,000 families",
            "families",
            "-",
            "Fabrizio Carboni",
            "said",
            "-",
        ),
        // the toll's relative (`another 30`, `20 more`) and `200 more families`
        ("Police arrested 14 protesters on Friday and 20 more on Saturday.", "20", "-", "arrested", "-", "-", "-"),
        ("Some 40 buses left, and 200 more families will follow.", "200 more families", "families", "left", "-", "-", "-"),
    ]);
}

/// `(text, claim text, kind, class, qualifier, min, max)`: what a bare count counts, and
/// bounds read after the noun. `-` stands for none.
#[test]
fn english_counts_and_bounds() {
    let rows: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        // rule `elided-count`: a count that adds to the one before counts what it counts
        (
            "No fewer than 70 trucks entered the enclave, and another 30 were waiting.",
            "30",
            "vehicles",
            "trucks",
            "exact",
            "30",
            "30",
        ),
        (
            "Police arrested 14 protesters on Friday and 20 more on Saturday.",
            "20",
            "people",
            "people",
            "exact",
            "20",
            "20",
        ),
        // …not a count that does not say so, nor one in another sentence
        (
            "No fewer than 70 trucks entered the enclave. Another 30 were waiting.",
            "30",
            "other",
            "-",
            "exact",
            "30",
            "30",
        ),
        (
            "The convoy had 70 trucks and left at 30 minutes past six.",
            "70 trucks",
            "vehicles",
            "trucks",
            "exact",
            "70",
            "70",
        ),
        // rule `count-named-before`: `the number of X … N`, `population … N`
        (
            "A source said the number of gunmen who left was no more than 800.",
            "no more than 800",
            "people",
            "fighters",
            "at_most",
            "-",
            "800",
        ),
        (
            "Some 300 evacuees returned, bringing its population to over 4,500.",
            "over 4,500",
            "people",
            "people",
            "at_least",
            "4500",
            "-",
        ),
        // …not past a number of its own (`the number of checkpoints fell from 9 to 4`)
        ("The number of fighters fell from 900 to 400.", "900", "people", "fighters", "exact", "900", "900"),
        ("The number of checkpoints fell to 4.", "4", "other", "-", "exact", "4", "4"),
        // `N of them` counts what the sentence before counted
        ("Hospitals received more than 100 wounded. He said 20 of them were in critical condition.", "20", "people", "people", "exact", "20", "20"),
        // a nationality carries while the same speaker speaks, not into another's clause
        ("Iran said 464 of its nationals died, while Saudi officials put the overall toll at 769.", "769", "people", "people", "exact", "769", "769"),
        (
            "India's foreign minister said that the number of Indians who had died stood at 101, while 32 others are still missing.",
            "32 others",
            "people",
            "people:india",
            "exact",
            "32",
            "32",
        ),
        // a bound after the counted noun
        (
            "More families would follow within two days at most.",
            "two days at most",
            "duration",
            "day",
            "at_most",
            "-",
            "2",
        ),
        ("Officials said 50 people or more were hurt.", "50 people or more", "people", "people", "at_least", "50", "-"),
        // a year on the line before is a dateline's, not a scale's
        (
            "April 15, 2024\n\nHundreds of families left the town.",
            "Hundreds of families",
            "people",
            "families",
            "vague",
            "200",
            "999",
        ),
    ];
    let mut failed = Vec::new();
    for &(text, span, kind, class, qualifier, min, max) in rows {
        let q = claim(text, span);
        let num = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x}"));
        let got = (
            q.kind.as_str().to_string(),
            q.frame.class.clone().unwrap_or_else(|| "-".into()),
            q.qualifier.as_str().to_string(),
            num(q.min),
            num(q.max),
        );
        let want = (kind.to_string(), class.to_string(), qualifier.to_string(), min.to_string(), max.to_string());
        if got != want {
            failed.push(format!("{text}\n  {span}: got {got:?}\n  want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{} of {} rows:\n{}", failed.len(), rows.len(), failed.join("\n"));
}

/// What is not a count at all: `(text, words no claim may cover)`.
#[test]
fn english_ranks_are_no_counts() {
    let rows: &[(&str, &str)] =
        &[("It was one of the deadliest attacks this year.", "one"), ("It is one of the most dangerous roads.", "one")];
    for &(text, word) in rows {
        let hit = extract(text, &Options::default()).into_iter().find_map(|r| match r {
            Record::Quantity(q) if q.text.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)) => Some(q.text),
            _ => None,
        });
        assert!(hit.is_none(), "{text}: {hit:?} is a rank, not a count");
    }
    // … while `one of its fighters` is still one fighter
    assert_eq!(claim("One of its fighters was killed.", "One of its fighters").min, Some(1.0));
}
