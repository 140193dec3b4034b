"""Arabic sentence segmentation: one case per rule of the issue, and the whole seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.segment_cases.checks import Case, numbered, segments

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "partnership" / "articles" / "qatar-wv-partnership.txt"
SEED_SEGMENTED = Path(__file__).resolve().parent / "segment_cases" / "seed_ar_segmented.txt"
MARK = "⟂"

CASES: list[Case] = [
    # «.» ends a sentence
    ("period", "انتهى الاجتماع. وبدأ المؤتمر.", ["انتهى الاجتماع.", "وبدأ المؤتمر."]),
    (
        "period",
        "وصل الوفد إلى الدوحة. عقد الوفد اجتماعا مع المسؤولين.",
        ["وصل الوفد إلى الدوحة.", "عقد الوفد اجتماعا مع المسؤولين."],
    ),
    (
        "period",
        "التقى الوزير نظيره القطري. ثم غادر العاصمة. وعاد في المساء.",
        ["التقى الوزير نظيره القطري.", "ثم غادر العاصمة.", "وعاد في المساء."],
    ),
    ("period", "انتهى التدريب.", ["انتهى التدريب."]),
    # a dot not followed by whitespace never ends a sentence (د.محمد, 3.5, example.com)
    ("no-space-after-dot", "قال د.محمد إن البرنامج ناجح.", ["قال د.محمد إن البرنامج ناجح."]),
    ("no-space-after-dot", "زار الوفد مقر الحرس.ثم غادر.", ["زار الوفد مقر الحرس.ثم غادر."]),
    # «؟» and «?» end a sentence
    (
        "question",
        "هل أعجبك هذا المقال؟ شاركه مع أصدقائك.",
        ["هل أعجبك هذا المقال؟", "شاركه مع أصدقائك."],
    ),
    (
        "question",
        "ما هو برنامج الشراكة؟ إنه برنامج عسكري.",
        ["ما هو برنامج الشراكة؟", "إنه برنامج عسكري."],
    ),
    (
        "question",
        "متى تبدأ التدريبات? في الصيف المقبل.",
        ["متى تبدأ التدريبات?", "في الصيف المقبل."],
    ),
    ("question", "لماذا؟ لأن التعاون ضروري.", ["لماذا؟", "لأن التعاون ضروري."]),
    # «!» ends a sentence, also doubled or mixed
    (
        "exclamation",
        "يا له من إنجاز! وقد احتفل الجميع.",
        ["يا له من إنجاز!", "وقد احتفل الجميع."],
    ),
    ("exclamation", "شكرا لكم!! نلتقي غدا.", ["شكرا لكم!!", "نلتقي غدا."]),
    ("exclamation", "حقا؟! لم أكن أعلم.", ["حقا؟!", "لم أكن أعلم."]),
    # an ellipsis attached to a word ends a sentence; a free-standing one marks an omission
    (
        "ellipsis",
        "وانتظر الجميع طويلا… ثم وصل الوفد.",
        ["وانتظر الجميع طويلا…", "ثم وصل الوفد."],
    ),
    (
        "ellipsis",
        "وانتظر الجميع طويلا... ثم وصل الوفد.",
        ["وانتظر الجميع طويلا...", "ثم وصل الوفد."],
    ),
    ("ellipsis", "انتهى الاجتماع…", ["انتهى الاجتماع…"]),
    ("ellipsis-omission", "قال إن الأمر … سيحسم قريبا.", ["قال إن الأمر … سيحسم قريبا."]),
    (
        "ellipsis-omission",
        "وجاء في البيان: «إن الشراكة […] ستستمر».",
        ["وجاء في البيان: «إن الشراكة […] ستستمر»."],
    ),
    ("ellipsis-omission", "قال إن ... الوضع مستقر.", ["قال إن ... الوضع مستقر."]),
    # «،» «؛» «:» never end a sentence
    (
        "comma",
        "شهدت العلاقات تعاونا وثيقا، ومنذ عام 2021، شاركت الدولتان في أنشطة عديدة.",
        ["شهدت العلاقات تعاونا وثيقا، ومنذ عام 2021، شاركت الدولتان في أنشطة عديدة."],
    ),
    (
        "comma",
        "قال الوزير، في مؤتمر صحفي، إن الشراكة مهمة.",
        ["قال الوزير، في مؤتمر صحفي، إن الشراكة مهمة."],
    ),
    (
        "semicolon",
        "تشمل الشراكة التدريب؛ والتبادل العسكري؛ والتعليم.",
        ["تشمل الشراكة التدريب؛ والتبادل العسكري؛ والتعليم."],
    ),
    (
        "semicolon",
        "أنهى الطرفان المحادثات؛ وسيجتمعان مجددا في الخريف.",
        ["أنهى الطرفان المحادثات؛ وسيجتمعان مجددا في الخريف."],
    ),
    ("colon", "وأضاف: إن التعاون سيستمر.", ["وأضاف: إن التعاون سيستمر."]),
    (
        "colon",
        "تشمل الأنشطة ما يلي: التدريب والتبادل والزيارات.",
        ["تشمل الأنشطة ما يلي: التدريب والتبادل والزيارات."],
    ),
    # titles: د. (doctor), أ. أ.د. (professor), م. (engineer) never end a sentence
    (
        "abbrev-title",
        "التقى الوفد د. محمد العلي في الدوحة.",
        ["التقى الوفد د. محمد العلي في الدوحة."],
    ),
    (
        "abbrev-title",
        "وقال د. أحمد: إن البرنامج ناجح. وأضاف أن التدريب مستمر.",
        ["وقال د. أحمد: إن البرنامج ناجح.", "وأضاف أن التدريب مستمر."],
    ),
    ("abbrev-title", "حضر أ.د. خالد الكعبي الحفل.", ["حضر أ.د. خالد الكعبي الحفل."]),
    ("abbrev-title", "قدم أ. سالم المري عرضا عن الشراكة.", ["قدم أ. سالم المري عرضا عن الشراكة."]),
    ("abbrev-title", "أشرف م. علي حسن على المشروع.", ["أشرف م. علي حسن على المشروع."]),
    ("abbrev-title", "(د. فيصل) حضر الاجتماع.", ["(د. فيصل) حضر الاجتماع."]),
    # م. هـ. ق.م. after a year: end a sentence only before a sentence starter
    (
        "era",
        "ولد القائد عام 1950 م. وتخرج في الكلية الحربية عام 1972 م.",
        ["ولد القائد عام 1950 م.", "وتخرج في الكلية الحربية عام 1972 م."],
    ),
    ("era", "ولد القائد عام 1950 م. في مدينة الدوحة.", ["ولد القائد عام 1950 م. في مدينة الدوحة."]),
    (
        "era",
        "تأسست المدينة عام 1200 هـ. وكانت مركزا تجاريا.",
        ["تأسست المدينة عام 1200 هـ.", "وكانت مركزا تجاريا."],
    ),
    (
        "era",
        "وقعت المعركة عام 1445 هـ. الموافق 2023 م.",
        ["وقعت المعركة عام 1445 هـ. الموافق 2023 م."],
    ),
    (
        "era",
        "بنيت القلعة عام 500 ق.م. وقد بقيت آثارها حتى اليوم.",
        ["بنيت القلعة عام 500 ق.م.", "وقد بقيت آثارها حتى اليوم."],
    ),
    (
        "era",
        "انتهت الحرب عام 1918م. وبدأت مرحلة جديدة.",
        ["انتهت الحرب عام 1918م.", "وبدأت مرحلة جديدة."],
    ),
    ("era", "ولد عام 1950م. في القاهرة.", ["ولد عام 1950م. في القاهرة."]),
    (
        "era",
        "ولد عام ١٩٥٠ م. وتوفي عام ٢٠٢٠ م.",
        ["ولد عام ١٩٥٠ م.", "وتوفي عام ٢٠٢٠ م."],
    ),
    (
        "era",
        "حضر م. فهد الحفل عام 2018 م. وكان ضيف الشرف.",
        ["حضر م. فهد الحفل عام 2018 م.", "وكان ضيف الشرف."],
    ),
    # ص.ب. (P.O. Box), ص. (page) before a number
    ("abbrev-pobox", "للمراسلة: ص.ب. 1234 الدوحة، قطر.", ["للمراسلة: ص.ب. 1234 الدوحة، قطر."]),
    (
        "abbrev-pobox",
        "العنوان ص.ب. ٥٥٥ الرياض. وللاستفسار اتصل بنا.",
        ["العنوان ص.ب. ٥٥٥ الرياض.", "وللاستفسار اتصل بنا."],
    ),
    ("abbrev-pobox", "انظر ص. 12 من التقرير.", ["انظر ص. 12 من التقرير."]),
    # إلخ. and dotted company forms: end a sentence only before a sentence starter
    (
        "abbrev-general",
        "تشمل الأنشطة التدريب والتبادل إلخ. وقد بدأت عام 2021.",
        ["تشمل الأنشطة التدريب والتبادل إلخ.", "وقد بدأت عام 2021."],
    ),
    (
        "abbrev-general",
        "شاركت قطر والكويت والبحرين إلخ. في التمرين.",
        ["شاركت قطر والكويت والبحرين إلخ. في التمرين."],
    ),
    (
        "abbrev-general",
        "وقعت شركة الخليج ش.م.م. عقدا مع الوزارة.",
        ["وقعت شركة الخليج ش.م.م. عقدا مع الوزارة."],
    ),
    # a single-letter initial inside a transliterated name
    (
        "initial",
        "وقال جيمس ر. هاريسون إن التدريب ناجح.",
        ["وقال جيمس ر. هاريسون إن التدريب ناجح."],
    ),
    (
        "initial",
        "حضر جون ف. كينيدي الاجتماع. ثم غادر.",
        ["حضر جون ف. كينيدي الاجتماع.", "ثم غادر."],
    ),
    (
        "initial",
        "التقى الوزير ويليام ج. كرين وآدم ل. لاندرز.",
        ["التقى الوزير ويليام ج. كرين وآدم ل. لاندرز."],
    ),
    (
        "initial",
        'وقال اللواء ويليام إي. كرين: "تعلمنا الكثير." وغادر.',
        ['وقال اللواء ويليام إي. كرين: "تعلمنا الكثير."', "وغادر."],
    ),
    (
        "initial",
        "زار جورج دبليو. بوش الدوحة. واتصل بي. وقال إنه سعيد.",
        ["زار جورج دبليو. بوش الدوحة.", "واتصل بي.", "وقال إنه سعيد."],
    ),
    (
        "initial",
        "وقال John F. Kennedy في خطابه إن السلام ممكن.",
        ["وقال John F. Kennedy في خطابه إن السلام ممكن."],
    ),
    # decimals, times and percentages with a dot
    (
        "decimal",
        "بلغت نسبة النمو 3.5 في المئة هذا العام.",
        ["بلغت نسبة النمو 3.5 في المئة هذا العام."],
    ),
    (
        "decimal",
        "بدأ الاجتماع في الساعة 5.30 مساء. وانتهى بعد ساعتين.",
        ["بدأ الاجتماع في الساعة 5.30 مساء.", "وانتهى بعد ساعتين."],
    ),
    (
        "decimal",
        "وصلت نسبة المشاركة إلى 97.5% من المتدربين.",
        ["وصلت نسبة المشاركة إلى 97.5% من المتدربين."],
    ),
    ("decimal", "ارتفع المؤشر 0.75 نقطة.", ["ارتفع المؤشر 0.75 نقطة."]),
    # thousands separators, Latin and Arabic
    ("thousands", "شارك 12,500 جندي في التمرين.", ["شارك 12,500 جندي في التمرين."]),
    (
        "thousands",
        "بلغ عدد المتدربين ١٬٢٠٠ متدرب. وسيرتفع العدد العام المقبل.",
        ["بلغ عدد المتدربين ١٬٢٠٠ متدرب.", "وسيرتفع العدد العام المقبل."],
    ),
    ("thousands", "بلغت الميزانية 1,250,000.50 دولار.", ["بلغت الميزانية 1,250,000.50 دولار."]),
    # Arabic-Indic digits, with the Arabic decimal separator ٫
    (
        "indic-digits",
        "بلغت نسبة النمو ٣٫٥ في المئة. وهذا رقم قياسي.",
        ["بلغت نسبة النمو ٣٫٥ في المئة.", "وهذا رقم قياسي."],
    ),
    ("indic-digits", "شارك ٩٦ بلدا في البرنامج.", ["شارك ٩٦ بلدا في البرنامج."]),
    (
        "indic-digits",
        "انتهى التمرين في ٢٠١٨. وبدأ تمرين جديد.",
        ["انتهى التمرين في ٢٠١٨.", "وبدأ تمرين جديد."],
    ),
    # dates
    (
        "date",
        "وقعت الاتفاقية يوم 14 أيار/مايو 2018 في الدوحة.",
        ["وقعت الاتفاقية يوم 14 أيار/مايو 2018 في الدوحة."],
    ),
    (
        "date",
        "أبرم الطرفان الوثيقة يوم 21 حزيران/يونيو 2021. وحضر الحفل حاكم الولاية.",
        ["أبرم الطرفان الوثيقة يوم 21 حزيران/يونيو 2021.", "وحضر الحفل حاكم الولاية."],
    ),
    ("date", "2024-07-30", ["2024-07-30"]),
    ("date", "الثلاثاء 30 تموز/يوليو 2024", ["الثلاثاء 30 تموز/يوليو 2024"]),
    (
        "date",
        "صدر القرار بتاريخ 30.07.2024 عن الوزارة.",
        ["صدر القرار بتاريخ 30.07.2024 عن الوزارة."],
    ),
    # Latin words and English company abbreviations inside Arabic
    ("latin", "استخدم الجنود نظام Link 16 في التدريب.", ["استخدم الجنود نظام Link 16 في التدريب."]),
    (
        "latin",
        "شارك فريق من West Virginia National Guard في التمرين. وكان التدريب مكثفا.",
        ["شارك فريق من West Virginia National Guard في التمرين.", "وكان التدريب مكثفا."],
    ),
    (
        "latin",
        "قالت شركة Apple Inc. إنها ستفتح مكتبا في الدوحة.",
        ["قالت شركة Apple Inc. إنها ستفتح مكتبا في الدوحة."],
    ),
    (
        "latin",
        "تعاقدت الوزارة مع Lockheed Martin Corp. وقد بدأ التسليم.",
        ["تعاقدت الوزارة مع Lockheed Martin Corp.", "وقد بدأ التسليم."],
    ),
    # acronyms
    (
        "acronym",
        "قدمت الولايات المتحدة U.S. دعما كبيرا.",
        ["قدمت الولايات المتحدة U.S. دعما كبيرا."],
    ),
    (
        "acronym",
        "انضمت قطر إلى شراكة مع حلف شمال الأطلسي NATO في عام 2022.",
        ["انضمت قطر إلى شراكة مع حلف شمال الأطلسي NATO في عام 2022."],
    ),
    (
        "acronym",
        "وقال متحدث باسم U.S. Central Command إن التمرين ناجح.",
        ["وقال متحدث باسم U.S. Central Command إن التمرين ناجح."],
    ),
    (
        "acronym",
        "تعمل القوات مع الأمم المتحدة U.N. وقد أرسلت مراقبين.",
        ["تعمل القوات مع الأمم المتحدة U.N.", "وقد أرسلت مراقبين."],
    ),
    (
        "acronym",
        "انضمت الدوحة إلى برنامج NATO. وبدأت التدريبات.",
        ["انضمت الدوحة إلى برنامج NATO.", "وبدأت التدريبات."],
    ),
    # parentheses
    (
        "parentheses",
        "انضمت قطر إلى حلف شمال الأطلسي (NATO) بصفة شريك.",
        ["انضمت قطر إلى حلف شمال الأطلسي (NATO) بصفة شريك."],
    ),
    (
        "parentheses",
        "شارك الحرس الوطني (U.S.) في التمرين.",
        ["شارك الحرس الوطني (U.S.) في التمرين."],
    ),
    (
        "parentheses",
        "أعلنت وزارة الدفاع (البنتاغون). وأكدت أن التمرين سيستمر.",
        ["أعلنت وزارة الدفاع (البنتاغون).", "وأكدت أن التمرين سيستمر."],
    ),
    (
        "parentheses",
        "وصل الوفد (المؤلف من 20 ضابطا) إلى الدوحة.",
        ["وصل الوفد (المؤلف من 20 ضابطا) إلى الدوحة."],
    ),
    ("parentheses", "(انظر الصورة.) ثم تابع القراءة.", ["(انظر الصورة.)", "ثم تابع القراءة."]),
    # URLs and e-mail addresses
    (
        "url",
        "للمزيد زوروا الموقع https://www.example.com/ar/news.html?id=5 قبل الموعد.",
        ["للمزيد زوروا الموقع https://www.example.com/ar/news.html?id=5 قبل الموعد."],
    ),
    (
        "url",
        "التفاصيل على www.ng.mil. وسيتم تحديثها أسبوعيا.",
        ["التفاصيل على www.ng.mil.", "وسيتم تحديثها أسبوعيا."],
    ),
    (
        "url",
        "شاهد http://example.org/a.b.c/index.php للاطلاع.",
        ["شاهد http://example.org/a.b.c/index.php للاطلاع."],
    ),
    (
        "email",
        "للتواصل: info@example.com أو press.office@mod.gov.qa في أي وقت.",
        ["للتواصل: info@example.com أو press.office@mod.gov.qa في أي وقت."],
    ),
    (
        "email",
        "راسلونا على media@example.qa. وسنرد خلال يومين.",
        ["راسلونا على media@example.qa.", "وسنرد خلال يومين."],
    ),
    # a quotation inside a sentence does not split it
    (
        "quote-inside",
        'وقال الوزير إن "الشراكة قوية" وإن "التعاون مستمر".',
        ['وقال الوزير إن "الشراكة قوية" وإن "التعاون مستمر".'],
    ),
    (
        "quote-inside",
        "وأضاف «نحن فخورون بهذه الشراكة»، مشيرا إلى نجاح التدريب.",
        ["وأضاف «نحن فخورون بهذه الشراكة»، مشيرا إلى نجاح التدريب."],
    ),
    (
        "quote-inside",
        'وصف القائد التمرين بأنه "ناجح جدا".',
        ['وصف القائد التمرين بأنه "ناجح جدا".'],
    ),
    (
        "quote-inside",
        'وتساءل: "هل نحن مستعدون؟"، مضيفا أن الجواب نعم.',
        ['وتساءل: "هل نحن مستعدون؟"، مضيفا أن الجواب نعم.'],
    ),
    # a closing quote after the terminator belongs to the sentence it closes
    (
        "closing-quote",
        'وقال القائد: "انتهى التدريب." ثم غادر المنصة.',
        ['وقال القائد: "انتهى التدريب."', "ثم غادر المنصة."],
    ),
    (
        "closing-quote",
        "وقال: «نحن مستعدون.» وأكد أهمية التعاون.",
        ["وقال: «نحن مستعدون.»", "وأكد أهمية التعاون."],
    ),
    (
        "closing-quote",
        'وتساءل: "هل نحن مستعدون؟" وأجاب بنعم.',
        ['وتساءل: "هل نحن مستعدون؟"', "وأجاب بنعم."],
    ),
    ("closing-quote", 'وأكد أن الهدف "تعزيز الأمن."', ['وأكد أن الهدف "تعزيز الأمن."']),
    # a quotation of several sentences is split inside; its quotes stay with its first/last
    (
        "quote-multi",
        'وقال: "التدريب انتهى. سنعود العام المقبل. شكرا لكم." ثم غادر.',
        ['وقال: "التدريب انتهى.', "سنعود العام المقبل.", 'شكرا لكم."', "ثم غادر."],
    ),
    (
        "quote-multi",
        "«نحن شركاء. وسنبقى كذلك.» قال الوزير.",
        ["«نحن شركاء.", "وسنبقى كذلك.»", "قال الوزير."],
    ),
    # a line-closing [credit] after a sentence is a segment of its own
    (
        "credit",
        "جنود يتدربون في قاعدة ماكلولين، يوم 14 أيار/مايو 2018. [الحرس الوطني الجوي الأميركي]\n"
        "جنود آخرون في التدريب.",
        [
            "جنود يتدربون في قاعدة ماكلولين، يوم 14 أيار/مايو 2018.",
            "[الحرس الوطني الجوي الأميركي]",
            "جنود آخرون في التدريب.",
        ],
    ),
    (
        "credit",
        "جنود يتدربون في الدوحة. [وزارة الدفاع القطرية]",
        ["جنود يتدربون في الدوحة.", "[وزارة الدفاع القطرية]"],
    ),
    (
        "credit",
        "طائرة في قاعدة العديد الجوية. [U.S. Air Force]\nطائرة أخرى.",
        ["طائرة في قاعدة العديد الجوية.", "[U.S. Air Force]", "طائرة أخرى."],
    ),
    # a bracket closing something opened inside the sentence, or not closing its line
    (
        "bracket-not-credit",
        "انتهى التمرين [في عام 2018.] ثم بدأ تمرين جديد.",
        ["انتهى التمرين [في عام 2018.]", "ثم بدأ تمرين جديد."],
    ),
    (
        "bracket-not-credit",
        "انتهى التمرين. [الوزير] قال إن النتائج جيدة.",
        ["انتهى التمرين.", "[الوزير] قال إن النتائج جيدة."],
    ),
    # a line closing with a credit is a unit: the next line starts a segment (issue 15)
    (
        "credit-line",
        "صورة من التمرين [الحرس الوطني]\nصورة أخرى",
        ["صورة من التمرين [الحرس الوطني]", "صورة أخرى"],
    ),
    # headings and titles without final punctuation are one segment
    ("heading", "شراكة فعالة", ["شراكة فعالة"]),
    (
        "heading",
        "قطر ومكتب الحرس الوطني يعززان العلاقات",
        ["قطر ومكتب الحرس الوطني يعززان العلاقات"],
    ),
    ("heading", "التحالفات", ["التحالفات"]),
    # hard-wrapped blocks: a line break is whitespace like any other
    (
        "hard-wrap",
        "تدخل دولة قطر والحرس الوطني\nعامهما الرابع من الشراكة.\nوتشمل الشراكة التدريب.",
        ["تدخل دولة قطر والحرس الوطني\nعامهما الرابع من الشراكة.", "وتشمل الشراكة التدريب."],
    ),
    (
        "hard-wrap",
        "تدخل دولة قطر\r\nعامهما الرابع.\r\nوتشمل الشراكة\r\nالتدريب.",
        ["تدخل دولة قطر\r\nعامهما الرابع.", "وتشمل الشراكة\r\nالتدريب."],
    ),
    (
        "hard-wrap",
        "  \n انتهى التدريب.  وبدأ العرض. \n",
        ["انتهى التدريب.", "وبدأ العرض."],
    ),
    # mixed scripts, English ranks in Arabic text
    (
        "mixed-script",
        "The exercise ended. وبدأ التدريب التالي.",
        ["The exercise ended.", "وبدأ التدريب التالي."],
    ),
    (
        "mixed-script",
        "قال القائد Brig. Gen. William Crane إن الشراكة مهمة.",
        ["قال القائد Brig. Gen. William Crane إن الشراكة مهمة."],
    ),
    (
        "mixed-script",
        "وصل Lt. Col. Adam Landers إلى الدوحة. وبدأ التدريب.",
        ["وصل Lt. Col. Adam Landers إلى الدوحة.", "وبدأ التدريب."],
    ),
    # enumerators opening a block
    ("enumerator", "1. المقدمة", ["1. المقدمة"]),
    ("enumerator", "أ. أهداف الشراكة", ["أ. أهداف الشراكة"]),
    ("enumerator", "١. التدريب المشترك", ["١. التدريب المشترك"]),
    # text of only punctuation is one segment
    ("only-punctuation", "...", ["..."]),
    ("only-punctuation", "؟!", ["؟!"]),
    ("only-punctuation", "* * *", ["* * *"]),
    ("only-punctuation", "؟ ! .", ["؟ ! ."]),
    # control characters and invisible direction marks stay inside segments
    (
        "control-chars",
        "انتهى\x07 التدريب. وبدأ العرض.",
        ["انتهى\x07 التدريب.", "وبدأ العرض."],
    ),
    (
        "control-chars",
        "انتهى التدريب.\u200f وبدأ العرض.",
        ["انتهى التدريب.\u200f", "وبدأ العرض."],
    ),
    ("control-chars", "\x00\x01", ["\x00\x01"]),
]

# The rule each block of the seed article exercises, in order (24 blocks).
SEED_RULES = [
    "heading",  # التحالفات
    "heading",  # title
    "date",  # 2024-07-30
    "comma",
    "heading",  # شارك هذا المقال
    "credit",  # caption + credit, twice
    "period",
    "period",  # two sentences
    "period",  # two sentences
    "date",
    "period",
    "comma",
    "quote-inside",
    "period",
    "comma",
    "comma",
    "heading",  # شراكة فعالة
    "comma",
    "period",
    "comma",
    "comma",
    "comma",
    "question",
    "no-terminator",  # يرجى إدخال الأرقام *
]


def _blocks(text: str) -> list[str]:
    return [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def _seed_cases() -> list:
    """One case per seed block: the repo's article, cut where the annotated copy has ⟂."""
    source = SEED.read_text(encoding="utf-8")
    marked = SEED_SEGMENTED.read_text(encoding="utf-8")
    assert marked.replace(MARK, "") == source, "annotated seed drifted from the article"
    blocks = _blocks(marked)
    assert len(blocks) == len(SEED_RULES)
    cases = [
        (f"seed-{rule}", block.replace(MARK, ""), [part.strip() for part in block.split(MARK)])
        for rule, block in zip(SEED_RULES, blocks, strict=True)
    ]
    return numbered(cases)


@pytest.mark.parametrize(("text", "expected"), numbered(CASES))
def test_arabic_rules(text: str, expected: list[str]) -> None:
    assert segments(text, "ar") == expected


@pytest.mark.parametrize(("text", "expected"), _seed_cases())
def test_seed_article(text: str, expected: list[str]) -> None:
    assert segments(text, "ar") == expected


def test_seed_article_has_its_sentences() -> None:
    """The whole seed: 29 segments, the caption twice with its credit as its own segment."""
    spans_text = [segments(block, "ar") for block in _blocks(SEED.read_text(encoding="utf-8"))]
    flat = [segment for block in spans_text for segment in block]
    assert len(flat) == 29
    assert flat.count("[الحرس الوطني الجوي الأميركي]") == 2
    assert not any(segment.endswith("،") for segment in flat)
