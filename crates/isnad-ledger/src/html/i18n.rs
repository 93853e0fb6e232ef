//! Interface words in the dossier's language: Arabic dossiers get an Arabic,
//! right-to-left page; anything else English.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Lang {
        if s == "ar" {
            Lang::Ar
        } else {
            Lang::En
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }
    /// The majority language of the documents (`ar` wins a tie: the project's home corpus).
    pub fn of_docs<'a>(langs: impl Iterator<Item = Option<&'a str>>) -> Lang {
        let (mut ar, mut other) = (0usize, 0usize);
        for l in langs {
            match l {
                Some("ar") => ar += 1,
                Some(_) => other += 1,
                None => {}
            }
        }
        if ar >= other && ar > 0 {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    pub fn t(self, key: &str) -> &'static str {
        let (en, ar) = match key {
            "ledger" => ("The ledger", "سجل الأرقام"),
            "summary" => ("Figures", "الأرقام"),
            "figure" => ("Figure", "الرقم"),
            "low" => ("Low", "الأدنى"),
            "best" => ("Best", "الأرجح"),
            "high" => ("High", "الأعلى"),
            "sources" => ("Independent sources", "مصادر مستقلة"),
            "claims" => ("Claims", "ادعاءات"),
            "agree" => ("Agree", "متفقة"),
            "contradict" => ("Contradict", "متعارضة"),
            "denials" => ("Denials", "نفي"),
            "value" => ("Value", "القيمة"),
            "counted" => ("Counted", "المعدود"),
            "speaker" => ("Speaker", "القائل"),
            "relay" => ("Relayed by", "عبر"),
            "outlet" => ("Outlet / document", "الوسيلة / الوثيقة"),
            "published" => ("Published", "النشر"),
            "stance" => ("Stance", "الموقف"),
            "mark" => ("Mark", "العلامة"),
            "sentence" => ("Sentence", "الجملة"),
            "why" => ("Why together", "سبب التجميع"),
            "rule" => ("How low, best and high are chosen", "كيف يُختار الأدنى والأرجح والأعلى"),
            "documents" => ("Documents", "الوثائق"),
            "speakers" => ("Speakers", "المتحدثون"),
            "search" => ("Search", "بحث"),
            "more" => (
                "more figures are listed above without detail; open them with `isnad serve`.",
                "أرقام أخرى مدرجة في الجدول أعلاه دون تفاصيل؛ افتحها في واجهة الويب.",
            ),
            "ungrouped" => (
                "claims stand alone (no other claim measures the same thing)",
                "ادعاءات منفردة (لا يقيس غيرها الشيء نفسه)",
            ),
            "agrees" => ("agrees", "يتفق"),
            "higher" => ("higher", "أعلى"),
            "lower" => ("lower", "أدنى"),
            "denies" => ("denies", "ينفي"),
            "may_reach" => ("may reach", "قد يصل"),
            "none" => ("—", "—"),
            "repeat" => ("same source again", "المصدر نفسه مجدداً"),
            "agrees_with" => ("agrees with", "يتفق مع"),
            "sources_in_all" => ("agreeing sources in all", "مصدراً متفقاً إجمالاً"),
            "assert" => ("asserts", "يؤكد"),
            "deny" => ("denies", "ينفي"),
            "outlet_voice" => ("(the outlet)", "(الوسيلة نفسها)"),
            "kind" => ("kind", "النوع"),
            "class" => ("counted", "المعدود"),
            "action" => ("action", "الفعل"),
            "place" => ("place", "المكان"),
            "document place" => ("place of the documents", "مكان الوثائق"),
            "date" => ("date", "التاريخ"),
            "name" => ("Name", "الاسم"),
            "rename" => ("Name this figure", "سمِّ هذا الرقم"),
            "split" => ("Split the checked claims into a new figure", "افصل الادعاءات المحددة في رقم جديد"),
            "merge" => ("Merge with figure", "ادمج مع الرقم"),
            "decisions" => ("Decisions", "القرارات"),
            "undo" => ("Undo", "تراجع"),
            "user" => ("shaped by the analyst", "عدّله المحلل"),
            "no_results" => ("Nothing found.", "لا نتائج."),
            "in_figures" => ("In figures", "في الأرقام"),
            "counts" => ("Counts", "يعدّ"),
            "marks" => ("Read as", "يُقرأ"),
            "mk_projection" => ("what it may reach (a projection)", "ما قد يبلغه (توقّع)"),
            "mk_cumulative" => ("a running total since the war began", "حصيلة تراكمية منذ بدء الحرب"),
            "mk_rate" => ("a rate, not a total", "معدّل لا مجموع"),
            "mk_with_families" => ("with their families", "مع عائلاتهم"),
            "print" => ("Printable; no scripts, fonts or network.", "قابل للطباعة؛ بلا سكربتات أو خطوط أو شبكة."),
            "entity" => ("Entity id", "معرّف الكيان"),
            "page" => ("Page", "صفحة"),
            "next" => ("Next", "التالي"),
            "prev" => ("Previous", "السابق"),
            "text" => ("Text", "النص"),
            "select" => ("Select this claim", "حدّد هذا الادعاء"),
            "events" => ("Events", "الأحداث"),
            "event" => ("Event", "الحدث"),
            "places" => ("Places", "الأماكن"),
            "from_to" => ("Dates", "التواريخ"),
            "figures_in" => ("Figures in this event", "الأرقام في هذا الحدث"),
            "says" => ("says", "يقول"),
            "say_deny" => ("denies", "ينفي"),
            "say_may_reach" => ("says it may reach", "يقول إن العدد قد يصل إلى"),
            "opened" => ("first report of the event", "أول تقرير عن الحدث"),
            "terms" => ("shared words", "كلمات مشتركة"),
            "dated_within" => ("dated within {} days", "بفارق {} أيام في التاريخ"),
            "recalls" => ("recalls the event {} days later", "يستعيد الحدث بعد {} يوماً"),
            "same_place" => ("same place", "المكان نفسه"),
            "same_sources" => ("same sources", "المصادر نفسها"),
            "span_days" => ("claims published {} days apart", "ادعاءات نُشرت بفارق {} يوماً"),
            "no_place" => ("no place named", "لم يُذكر مكان"),
            "split_off" => ("split off", "مفصول"),
            "axis" => ("Number claimed", "العدد المذكور"),
            "axis_log" => {
                ("logarithmic scale: each grid line ten times the last", "مقياس لوغاريتمي: كل خط عشرة أضعاف سابقه")
            }
            "axis_lin" => ("linear scale", "مقياس خطي"),
            "legend" => ("Key", "مفتاح الرسم"),
            "lg_agrees" => ("agrees with best (within 10%)", "يتفق مع الأرجح (ضمن 10%)"),
            "lg_differs" => ("higher or lower than best", "أعلى أو أدنى من الأرجح"),
            "lg_none" => ("no estimate to compare", "لا تقدير للمقارنة"),
            "lg_projection" => {
                ("may reach: a projection, neither agreement nor contradiction", "قد يصل: توقّع، لا اتفاق ولا تعارض")
            }
            "lg_range" => ("range (from–to)", "نطاق (من–إلى)"),
            "lg_vague" => ("vague wording (\"hundreds\"), pale", "صياغة مبهمة (\"المئات\")، باهت"),
            "lg_atleast" => {
                ("at least / at most: hollow dot, dashed tail", "على الأقل / على الأكثر: دائرة مفرغة وذيل متقطع")
            }
            "lg_about" => ("about: whisker ±10%", "نحو: خط ±10%"),
            "lg_deny" => ("denial", "نفي"),
            "lg_band" => ("shaded: low–high range", "المظلل: من الأدنى إلى الأعلى"),
            "lg_best" => ("dashed line: best estimate", "الخط المتقطع: التقدير الأرجح"),
            "chart_more" => ("more sources not drawn", "مصادر أخرى لم تُرسم"),
            "focus_hint" => {
                ("Focus or tap a mark for its source and value.", "انقر علامةً أو ركّز عليها لترى مصدرها وقيمتها.")
            }
            "filter" => ("Filter", "تصفية"),
            "sort" => ("Sort by", "ترتيب حسب"),
            "any" => ("any", "الكل"),
            "contested" => ("contested", "متنازع عليه"),
            "contested_yes" => ("contested only", "المتنازع عليها فقط"),
            "contested_no" => ("uncontested only", "غير المتنازع عليها فقط"),
            "unit" => ("unit", "الوحدة"),
            "min_docs" => ("at least N documents", "وثائق لا تقل عن"),
            "min_sources" => ("at least N sources", "مصادر لا تقل عن"),
            "apply" => ("Apply", "تطبيق"),
            "shown" => ("shown", "معروضة"),
            "title_sort" => ("title", "العنوان"),
            "hits" => ("results", "نتائج"),
            "also_searched" => ("also searched as", "بُحث أيضاً عن"),
            "merge_confirm" => ("Merge these two figures?", "هل تدمج هذين الرقمين؟"),
            "merge_do" => ("Yes, merge them", "نعم، ادمجهما"),
            "cancel" => ("Cancel", "إلغاء"),
            "merge_refused" => (
                "These figures count different kinds of things and cannot be merged",
                "هذان الرقمان يعدّان أنواعاً مختلفة ولا يمكن دمجهما",
            ),
            "merge_warn" => ("Warning: these figures count different things", "تنبيه: هذان الرقمان لا يعدّان الشيء نفسه"),
            "merge_pick" => ("Merge with…", "ادمج مع…"),
            "split_none" => ("Tick at least one claim to split it off.", "حدّد ادعاءً واحداً على الأقل لفصله."),
            "error" => ("Error", "خطأ"),
            "back" => ("Back", "رجوع"),
            "decisions_here" => ("Decisions that shaped this figure", "قرارات شكّلت هذا الرقم"),
            "op_name" => ("named", "تسمية"),
            "op_split" => ("split off", "فصل"),
            "op_merge" => ("merged", "دمج"),
            "op_name_event" => ("event named", "تسمية حدث"),
            "op_merge_events" => ("events merged", "دمج حدثين"),
            "op_split_event" => ("documents split off into their own event", "فصل وثائق في حدث مستقل"),
            "op_move_document" => ("document moved to another event", "نقل وثيقة إلى حدث آخر"),
            "op_merged" => ("merged", "دمج"),
            "op_moved" => ("a document moved in", "نُقلت إليه وثيقة"),
            "rename_event" => ("Name this event", "سمِّ هذا الحدث"),
            "event_merge" => ("Merge with event", "ادمج مع الحدث"),
            "event_merge_sure" => ("its figures are regrouped", "تُعاد تجميع أرقامه"),
            "event_merge_confirm" => (
                "Pick another event and tick the box to merge: every figure of both is regrouped.",
                "اختر حدثاً آخر وحدّد المربع للدمج: تُعاد تجميع أرقام الحدثين كلها.",
            ),
            "event_split" => ("Split the checked documents into a new event", "افصل الوثائق المحددة في حدث جديد"),
            "event_split_none" => (
                "Tick some of the event's documents (not all) to split them off.",
                "حدّد بعض وثائق الحدث (لا كلها) لفصلها.",
            ),
            "event_move" => ("Move to event", "انقل إلى الحدث"),
            "event_move_none" => {
                ("Pick a document and another event to move it to.", "اختر وثيقة وحدثاً آخر لنقلها إليه.")
            }
            "event_user" => ("Shaped by the analyst", "عدّله المحلل"),
            "when" => ("When", "متى"),
            "what" => ("What", "ماذا"),
            "highlights" => ("Marked claims", "الادعاءات المعلّمة"),
            "hl_claim" => ("a claim (tap or focus for details)", "ادعاء (انقر أو ركّز للتفاصيل)"),
            "hl_deny" => ("a denial", "نفي"),
            "hl_group" => ("underlined: in a figure of the ledger", "تسطير: ضمن رقم في السجل"),
            "original" => ("original", "الأصل"),
            "api" => ("API", "الواجهة البرمجية"),
            "previous_pages" => ("claims on other pages", "ادعاءات في صفحات أخرى"),
            "untitled" => ("(untitled)", "(بلا عنوان)"),
            "of_event" => ("event", "الحدث"),
            "mixed_event" => ("merged across events", "مدموج من أحداث عدة"),
            "document" => ("Document", "الوثيقة"),
            _ => ("", ""),
        };
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }

    /// A label for a class, action or kind value from the word lists.
    pub fn term(self, v: &str) -> String {
        if self == Lang::En {
            return v.replace('_', " ");
        }
        let ar = match v {
            "people" => "أشخاص",
            "fighters" => "مقاتلون",
            "foreign fighters" => "مقاتلون أجانب",
            "family_members" => "أفراد عائلات",
            "families" => "عائلات",
            "children" => "أطفال",
            "women" => "نساء",
            "women_children" => "نساء وأطفال",
            "passengers" => "ركاب",
            "drivers" => "سائقون",
            "detainees" => "محتجزون",
            "buses" => "حافلات",
            "trucks" => "شاحنات",
            "cars" => "سيارات",
            "vehicles" => "مركبات",
            "left" => "خرجوا / غادروا",
            "displaced" => "نزحوا",
            "killed" => "قُتلوا",
            "wounded" => "جُرحوا",
            "surrendered" => "استسلموا",
            "arrested" => "اعتُقلوا",
            "released" => "أُفرج عنهم",
            "treated" => "عولجوا",
            "patients" => "مرضى",
            "remained" => "بقوا",
            "arrived" => "وصلوا",
            "returned" => "عادوا",
            "screened" => "فُحصوا",
            "paid" => "دُفع",
            "cost" => "الكلفة",
            "money" => "مال",
            "duration" => "مدة",
            "distance" => "مسافة",
            "percent" => "نسبة",
            "weight" => "وزن",
            "other" => "أخرى",
            "dead" => "قتلى",
            "missing" => "مفقودون",
            "foreigners" => "أجانب",
            "buildings" => "مبانٍ",
            "strikes" => "غارات",
            "missiles" => "صواريخ",
            "destroyed" => "دُمّرت",
            "struck" => "استُهدفت",
            "still" => "ما زالوا",
            "count" => "عدد",
            "area" => "مساحة",
            "unit" => "الوحدة",
            "USD" => "دولار أمريكي",
            "EUR" => "يورو",
            "GBP" => "جنيه إسترليني",
            "SYP" => "ليرة سورية",
            "TRY" => "ليرة تركية",
            "LBP" => "ليرة لبنانية",
            "IQD" => "دينار عراقي",
            "JOD" => "دينار أردني",
            "SAR" => "ريال سعودي",
            "EGP" => "جنيه مصري",
            "LYD" => "دينار ليبي",
            "YER" => "ريال يمني",
            _ => return v.to_string(),
        };
        ar.to_string()
    }

    /// How low, best and high are chosen, in the page's language.
    pub fn rule(self) -> &'static str {
        match self {
            Lang::En => crate::RULE,
            Lang::Ar => "الأدنى هو أصغر حدّ أدنى يؤكده أي مصدر مستقل، والأعلى أكبر حدّ أعلى (يُحسب ادعاء \"على الأقل\" بحدّه الأدنى)، \
كما في نطاقات الحد الأدنى والأقصى لدى Airwars؛ والأرجح هو وسيط تقديرات المصادر نفسها (تقدير واحد لكل مصدر مستقل: قيمته \
الدقيقة أو التقريبية، أو منتصف نطاقه، أو حدّ ادعاء \"على الأقل\" أو \"على الأكثر\"؛ ولا تُستعمل الصياغة المبهمة مثل \"المئات\" \
إلا حين لا يوجد ما هو أدق؛ وعند زوجية العدد تؤخذ القيمة الوسطى الدنيا)، على غرار التقدير الأرجح لدى UCDP بين حدّيه. \
يُدرج النفي وحده ولا يدخل في النطاق، ولا تدخله التوقعات (ما قد يبلغه الرقم لا ما هو عليه). المصدر هو القائل أياً كان من ينقل عنه: وسيلة تنقل عن سائق تُحسب للسائق، \
ووسيلتان تنقلان عن القائل نفسه مصدر واحد.",
        }
    }

    /// A month's name.
    pub fn month(self, m: u32) -> &'static str {
        const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        const AR: [&str; 12] = [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ];
        let i = (m.clamp(1, 12) - 1) as usize;
        match self {
            Lang::En => EN[i],
            Lang::Ar => AR[i],
        }
    }

    /// `2026-12-01T13:05:09Z` → `1 Dec 2026, 13:05 UTC` / `1 ديسمبر 2026، 13:05 (UTC)`;
    /// anything it cannot read is returned as given.
    pub fn human_time(self, ts: &str) -> (String, String, String) {
        let p = |a: usize, b: usize| ts.get(a..b).and_then(|x| x.parse::<u32>().ok());
        match (p(0, 4), p(5, 7), p(8, 10)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                let time = match (p(11, 13), p(14, 16)) {
                    (Some(h), Some(mi)) => format!("{h:02}:{mi:02}"),
                    _ => String::new(),
                };
                (d.to_string(), format!("{} {y}", self.month(m)), time)
            }
            _ => (ts.to_string(), String::new(), String::new()),
        }
    }
}
