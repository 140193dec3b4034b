"""English sentence segmentation: one case per rule of the issue."""

from __future__ import annotations

import pytest

from tests.segment_cases.checks import Case, numbered, segments

CASES: list[Case] = [
    # «.» ends a sentence
    (
        "period",
        "The exercise ended. The delegation left.",
        ["The exercise ended.", "The delegation left."],
    ),
    (
        "period",
        "Qatar joined the program in 2021. It has grown since.",
        ["Qatar joined the program in 2021.", "It has grown since."],
    ),
    (
        "period",
        "He arrived. She left. They met later.",
        ["He arrived.", "She left.", "They met later."],
    ),
    (
        "period",
        "The drill ended in 2018. 25 soldiers took part.",
        ["The drill ended in 2018.", "25 soldiers took part."],
    ),
    ("period", "He left.Then he returned.", ["He left.Then he returned."]),
    # ? and ! end a sentence, doubled or mixed too
    (
        "question",
        "Is the partnership working? Officials say yes.",
        ["Is the partnership working?", "Officials say yes."],
    ),
    (
        "question",
        "Why now? Because the program turned 30.",
        ["Why now?", "Because the program turned 30."],
    ),
    (
        "exclamation",
        "What a result! The team celebrated.",
        ["What a result!", "The team celebrated."],
    ),
    ("exclamation", "Stop!! Everyone froze.", ["Stop!!", "Everyone froze."]),
    ("exclamation", "Really?! Nobody knew.", ["Really?!", "Nobody knew."]),
    # a lowercase word after the terminator continues the sentence
    ("lowercase-continues", '"Why?" he asked.', ['"Why?" he asked.']),
    (
        "lowercase-continues",
        '"Go!" she shouted, and they ran.',
        ['"Go!" she shouted, and they ran.'],
    ),
    (
        "lowercase-continues",
        'She whispered "wait..." and stepped back.',
        ['She whispered "wait..." and stepped back.'],
    ),
    (
        "lowercase-continues",
        "He lives in Calif. and works in Nev.",
        ["He lives in Calif. and works in Nev."],
    ),
    # titles and ranks never end a sentence
    ("abbrev-title", "Dr. Smith met the delegation.", ["Dr. Smith met the delegation."]),
    (
        "abbrev-title",
        "Gen. William Crane spoke at the ceremony.",
        ["Gen. William Crane spoke at the ceremony."],
    ),
    (
        "abbrev-title",
        "Lt. Col. Adam Landers briefed the members.",
        ["Lt. Col. Adam Landers briefed the members."],
    ),
    (
        "abbrev-title",
        "Sgt. Maj. John Doe and Maj. Jane Roe attended.",
        ["Sgt. Maj. John Doe and Maj. Jane Roe attended."],
    ),
    (
        "abbrev-title",
        "Capt. Ali and Mr. Brown met Mrs. Green.",
        ["Capt. Ali and Mr. Brown met Mrs. Green."],
    ),
    (
        "abbrev-title",
        "Brig. Gen. James Hoyer retired. He served 40 years.",
        ["Brig. Gen. James Hoyer retired.", "He served 40 years."],
    ),
    ("abbrev-title", "Prof. Lee and Sen. Manchin spoke.", ["Prof. Lee and Sen. Manchin spoke."]),
    (
        "abbrev-title",
        "Adm. Smith and Cmdr. Jones visited the ship.",
        ["Adm. Smith and Cmdr. Jones visited the ship."],
    ),
    (
        "abbrev-title",
        "Gov. Jim Justice attended the signing. The ceremony took place in Doha.",
        ["Gov. Jim Justice attended the signing.", "The ceremony took place in Doha."],
    ),
    (
        "abbrev-title",
        "The event honored Dr. The Rev. Martin Smith.",
        ["The event honored Dr. The Rev. Martin Smith."],
    ),
    # No., Vol., p., Fig., Art. before a number
    ("abbrev-number", "See No. 5 in the list.", ["See No. 5 in the list."]),
    (
        "abbrev-number",
        "The text is in Vol. 3, p. 45 of the report.",
        ["The text is in Vol. 3, p. 45 of the report."],
    ),
    (
        "abbrev-number",
        "Refer to Fig. 2 and Art. 5 of the treaty.",
        ["Refer to Fig. 2 and Art. 5 of the treaty."],
    ),
    (
        "abbrev-number",
        "He was ranked No. 1. The others followed.",
        ["He was ranked No. 1.", "The others followed."],
    ),
    (
        "abbrev-number",
        "The answer was no. The meeting ended.",
        ["The answer was no.", "The meeting ended."],
    ),
    ("abbrev-number", "Read Vol. II of the history.", ["Read Vol. II of the history."]),
    (
        "abbrev-number",
        "Sec. Austin met the delegation at the Pentagon.",
        ["Sec. Austin met the delegation at the Pentagon."],
    ),
    (
        "abbrev-number",
        "The findings are in the last vol. The next one is due in May.",
        ["The findings are in the last vol.", "The next one is due in May."],
    ),
    # e.g., i.e., cf., vs. never end a sentence; etc. may
    (
        "abbrev-latin",
        "Several states, e.g. Texas and Ohio, joined.",
        ["Several states, e.g. Texas and Ohio, joined."],
    ),
    (
        "abbrev-latin",
        "Some partners, i.e. Qatar, hosted drills.",
        ["Some partners, i.e. Qatar, hosted drills."],
    ),
    ("abbrev-latin", "Allies (e.g. Qatar) took part.", ["Allies (e.g. Qatar) took part."]),
    ("abbrev-latin", "The match was Qatar vs. Bahrain.", ["The match was Qatar vs. Bahrain."]),
    (
        "abbrev-latin",
        "Compare the two reports, cf. Section 2.",
        ["Compare the two reports, cf. Section 2."],
    ),
    (
        "abbrev-latin",
        "Bring supplies, tools, etc. The convoy leaves at dawn.",
        ["Bring supplies, tools, etc.", "The convoy leaves at dawn."],
    ),
    (
        "abbrev-latin",
        "Bring supplies, tools, etc. and other gear.",
        ["Bring supplies, tools, etc. and other gear."],
    ),
    # a.m. / p.m.
    (
        "abbrev-time",
        "The ceremony began at 10 a.m. and ended at noon.",
        ["The ceremony began at 10 a.m. and ended at noon."],
    ),
    (
        "abbrev-time",
        "The ceremony began at 10 a.m. The governor spoke first.",
        ["The ceremony began at 10 a.m.", "The governor spoke first."],
    ),
    ("abbrev-time", "They met at 5 p.m. Eastern time.", ["They met at 5 p.m. Eastern time."]),
    (
        "abbrev-time",
        "The flight lands at 7:30 p.m. on Friday.",
        ["The flight lands at 7:30 p.m. on Friday."],
    ),
    (
        "abbrev-time",
        "The briefing ended at 9 A.M. It was short.",
        ["The briefing ended at 9 A.M.", "It was short."],
    ),
    # company forms
    (
        "abbrev-company",
        "Lockheed Martin Corp. won the contract.",
        ["Lockheed Martin Corp. won the contract."],
    ),
    (
        "abbrev-company",
        "She works for Apple Inc. The company is based in California.",
        ["She works for Apple Inc.", "The company is based in California."],
    ),
    (
        "abbrev-company",
        "Smith & Sons Ltd. and Jones Co. signed the deal.",
        ["Smith & Sons Ltd. and Jones Co. signed the deal."],
    ),
    (
        "abbrev-company",
        "Shares of Acme Inc. rose. Samsung Electronics Co. Ltd. fell.",
        ["Shares of Acme Inc. rose.", "Samsung Electronics Co. Ltd. fell."],
    ),
    # a sentence ending with a company form or "etc." (issue 18): a capitalised word follows
    (
        "abbrev-final",
        "The contract went to Lockheed Martin Corp. Deliveries begin in 2026.",
        ["The contract went to Lockheed Martin Corp.", "Deliveries begin in 2026."],
    ),
    (
        "abbrev-final",
        "It carries ammunition, radios, etc. Units receive it next week.",
        ["It carries ammunition, radios, etc.", "Units receive it next week."],
    ),
    (
        "abbrev-final",
        "The parade starts at 10 a.m. Guests should arrive early.",
        ["The parade starts at 10 a.m.", "Guests should arrive early."],
    ),
    (
        "abbrev-final",
        "It starts at 10 a.m. Monday, Acme Inc. CEO Jane Roe said. It ends at 5 p.m. EST.",
        ["It starts at 10 a.m. Monday, Acme Inc. CEO Jane Roe said.", "It ends at 5 p.m. EST."],
    ),
    # an abbreviation ends the sentence when a capitalised sentence starter follows
    (
        "abbrev-final",
        "The delegation arrived in the U.S. The visit lasted a week.",
        ["The delegation arrived in the U.S.", "The visit lasted a week."],
    ),
    (
        "abbrev-final",
        "The partnership is a model for the U.S. It began in 2021.",
        ["The partnership is a model for the U.S.", "It began in 2021."],
    ),
    (
        "abbrev-final",
        "Troops trained in the U.K. They returned in May.",
        ["Troops trained in the U.K.", "They returned in May."],
    ),
    (
        "abbrev-final",
        "He moved to Washington, D.C. He works at the Pentagon.",
        ["He moved to Washington, D.C.", "He works at the Pentagon."],
    ),
    (
        "abbrev-final",
        "The program started in the U.S. In 2021, Qatar joined.",
        ["The program started in the U.S.", "In 2021, Qatar joined."],
    ),
    (
        "abbrev-final",
        "She earned a Ph.D. She then joined the army.",
        ["She earned a Ph.D.", "She then joined the army."],
    ),
    (
        "abbrev-final",
        "The talks were held in Charleston, W.Va. The governor attended.",
        ["The talks were held in Charleston, W.Va.", "The governor attended."],
    ),
    (
        "abbrev-final",
        'The plan was approved by the U.S. "We are ready," he said.',
        ["The plan was approved by the U.S.", '"We are ready," he said.'],
    ),
    (
        "abbrev-final",
        "The talks took place in Jan. The next round is in June.",
        ["The talks took place in Jan.", "The next round is in June."],
    ),
    # ... and does not when a noun, a name or a number follows
    (
        "abbrev-nonfinal",
        "The U.S. Army trained Qatari forces.",
        ["The U.S. Army trained Qatari forces."],
    ),
    (
        "abbrev-nonfinal",
        "The U.S. Air Force and the U.S. Navy took part.",
        ["The U.S. Air Force and the U.S. Navy took part."],
    ),
    ("abbrev-nonfinal", "The U.N. Security Council met.", ["The U.N. Security Council met."]),
    (
        "abbrev-nonfinal",
        "He visited the U.S. Embassy in Doha.",
        ["He visited the U.S. Embassy in Doha."],
    ),
    (
        "abbrev-nonfinal",
        "He is the director of the U.S. National Guard Bureau.",
        ["He is the director of the U.S. National Guard Bureau."],
    ),
    ("abbrev-nonfinal", "He moved to St. Louis last year.", ["He moved to St. Louis last year."]),
    ("abbrev-nonfinal", "It happened on Jan. 5, 2021.", ["It happened on Jan. 5, 2021."]),
    (
        "abbrev-nonfinal",
        "She grew up in Charleston, W. Va., and joined the guard.",
        ["She grew up in Charleston, W. Va., and joined the guard."],
    ),
    (
        "abbrev-nonfinal",
        "The unit (est. 1940) served in Europe.",
        ["The unit (est. 1940) served in Europe."],
    ),
    (
        "abbrev-nonfinal",
        "Forces of the U.S. (and allies) trained.",
        ["Forces of the U.S. (and allies) trained."],
    ),
    # initials
    ("initials", "J. R. Smith led the team.", ["J. R. Smith led the team."]),
    (
        "initials",
        "The report by John F. Kennedy was cited.",
        ["The report by John F. Kennedy was cited."],
    ),
    ("initials", "George W. Bush visited Qatar.", ["George W. Bush visited Qatar."]),
    (
        "initials",
        "The book by J. R. R. Tolkien sold well.",
        ["The book by J. R. R. Tolkien sold well."],
    ),
    ("initials", "They chose Plan B. The plan worked.", ["They chose Plan B.", "The plan worked."]),
    # decimals, times, percentages, thousands
    ("decimal", "Growth reached 3.5 percent this year.", ["Growth reached 3.5 percent this year."]),
    (
        "decimal",
        "The meeting began at 5.30 and ended at 7.45 in the evening.",
        ["The meeting began at 5.30 and ended at 7.45 in the evening."],
    ),
    ("decimal", "Turnout was 97.5% among the trainees.", ["Turnout was 97.5% among the trainees."]),
    ("decimal", "The rate fell to .75 percent.", ["The rate fell to .75 percent."]),
    (
        "decimal",
        "The budget was $1,250,000.50 in total. It rose later.",
        ["The budget was $1,250,000.50 in total.", "It rose later."],
    ),
    ("decimal", "Version 2.0.1 is out. Update now.", ["Version 2.0.1 is out.", "Update now."]),
    # ellipsis: attached ends the sentence, free-standing marks an omission
    (
        "ellipsis",
        "We waited... Then the convoy arrived.",
        ["We waited...", "Then the convoy arrived."],
    ),
    (
        "ellipsis",
        "We waited… Then the convoy arrived.",
        ["We waited…", "Then the convoy arrived."],
    ),
    (
        "ellipsis",
        "He said he would... but he didn't.",
        ["He said he would... but he didn't."],
    ),
    ("ellipsis", "And so it ends...", ["And so it ends..."]),
    (
        "ellipsis-omission",
        'The statement read: "We will … Continue the work."',
        ['The statement read: "We will … Continue the work."'],
    ),
    (
        "ellipsis-omission",
        "The text reads [...] The rest is missing.",
        ["The text reads [...] The rest is missing."],
    ),
    # URLs and e-mail addresses
    (
        "url",
        "Visit https://www.example.com/news/article.html?id=5&lang=en for details.",
        ["Visit https://www.example.com/news/article.html?id=5&lang=en for details."],
    ),
    (
        "url",
        "Details are at www.nationalguard.mil. The site is updated weekly.",
        ["Details are at www.nationalguard.mil.", "The site is updated weekly."],
    ),
    (
        "url",
        "See http://example.org/a.b/c.php. It explains the program.",
        ["See http://example.org/a.b/c.php.", "It explains the program."],
    ),
    (
        "email",
        "Write to press.office@example.com for a copy.",
        ["Write to press.office@example.com for a copy."],
    ),
    (
        "email",
        "Contact info@wv.ng.mil. Staff reply within a day.",
        ["Contact info@wv.ng.mil.", "Staff reply within a day."],
    ),
    # a closing quote or bracket after the terminator belongs to the sentence it closes
    ("closing-quote", 'He said "go." Then he left.', ['He said "go."', "Then he left."]),
    (
        "closing-quote",
        "She said, 'We are ready.' The crowd cheered.",
        ["She said, 'We are ready.'", "The crowd cheered."],
    ),
    (
        "closing-quote",
        "He called it “a milestone.” Others agreed.",
        ["He called it “a milestone.”", "Others agreed."],
    ),
    (
        "closing-quote",
        "The drill ended (as planned.) Then the troops left.",
        ["The drill ended (as planned.)", "Then the troops left."],
    ),
    (
        "closing-quote",
        "“Is it over?” The officer nodded.",
        ["“Is it over?”", "The officer nodded."],
    ),
    (
        "closing-quote",
        'He said "I grew up in the U.S." Then he left.',
        ['He said "I grew up in the U.S."', "Then he left."],
    ),
    # a quotation inside a sentence does not split it
    (
        "quote-inside",
        'Crane said that "Qatar is a major ally of the United States", adding "our '
        'partnership advances security".',
        [
            'Crane said that "Qatar is a major ally of the United States", adding "our '
            'partnership advances security".'
        ],
    ),
    (
        "quote-inside",
        'The program, called "Partnership for Peace", began in 1994.',
        ['The program, called "Partnership for Peace", began in 1994.'],
    ),
    (
        "quote-inside",
        'He described the drill as "a success" and thanked the hosts.',
        ['He described the drill as "a success" and thanked the hosts.'],
    ),
    # a quotation of several sentences is split inside; its quotes stay with its first/last
    (
        "quote-multi",
        'He said: "We trained. We learned. We will return." Then he left.',
        ['He said: "We trained.', "We learned.", 'We will return."', "Then he left."],
    ),
    (
        "quote-multi",
        '"The drills went well. Both sides benefited," the statement said.',
        ['"The drills went well.', 'Both sides benefited," the statement said.'],
    ),
    # a line-closing [credit] after a sentence is a segment of its own
    (
        "credit",
        "Soldiers train at McLaughlin Air National Guard Base, May 14, 2018. "
        "[U.S. Air National Guard]\nSoldiers rest after the drill.",
        [
            "Soldiers train at McLaughlin Air National Guard Base, May 14, 2018.",
            "[U.S. Air National Guard]",
            "Soldiers rest after the drill.",
        ],
    ),
    (
        "credit",
        "A Qatari officer visits the base. [West Virginia National Guard]",
        ["A Qatari officer visits the base.", "[West Virginia National Guard]"],
    ),
    (
        "credit",
        "A Qatari officer visits the base. [West Virginia National Guard]  \r\nThe visit ended.",
        [
            "A Qatari officer visits the base.",
            "[West Virginia National Guard]",
            "The visit ended.",
        ],
    ),
    # brackets that are not credits
    (
        "bracket-not-credit",
        "The drill ended [in 2018.] Then a new one began.",
        ["The drill ended [in 2018.]", "Then a new one began."],
    ),
    (
        "bracket-not-credit",
        "The exercise ended. [Editor's note] The rest follows.",
        ["The exercise ended.", "[Editor's note] The rest follows."],
    ),
    (
        "bracket-not-credit",
        "The drill [pictured] ended without a hitch\nin the spring",
        ["The drill [pictured] ended without a hitch\nin the spring"],
    ),
    # issue 18: spaced ellipses do not split
    (
        "spaced-ellipsis",
        "The sergeant paused . . . and then gave the order.",
        ["The sergeant paused . . . and then gave the order."],
    ),
    (
        "spaced-ellipsis",
        "We moved out at dawn . . . The convoy arrived by noon. No shots were fired.",
        ["We moved out at dawn . . . The convoy arrived by noon.", "No shots were fired."],
    ),
    (
        "spaced-ellipsis",
        "Funds go to housing, training \u2026. and equipment.",
        ["Funds go to housing, training \u2026. and equipment."],
    ),
    # issue 18: an ellipsis inside a quotation does not end the sentence
    (
        "quote-ellipsis",
        '"Maybe... I don\'t know," he replied.',
        ['"Maybe... I don\'t know," he replied.'],
    ),
    (
        "quote-ellipsis",
        '"I don\'t know..." He paused and looked at the map.',
        ['"I don\'t know..."', "He paused and looked at the map."],
    ),
    # issue 18: enumerations after a colon split only where each item ends a sentence
    (
        "enumeration",
        "The checklist: 1) Check your weapon. 2) Check your radio.",
        ["The checklist:", "1) Check your weapon.", "2) Check your radio."],
    ),
    (
        "enumeration",
        "The course has two phases: (a) classroom work and (b) field training.",
        ["The course has two phases: (a) classroom work and (b) field training."],
    ),
    # issue 15 and 18: credit, byline, dateline and headline lines are units
    (
        "line-units",
        "Soldiers fire mortars at Camp Dawson, W.Va., May 3, 2024. (U.S. Army photo by Sgt. "
        "John Smith)\nCAMP DAWSON, W.Va. -- Mortar teams certified during a week of training.",
        [
            "Soldiers fire mortars at Camp Dawson, W.Va., May 3, 2024.",
            "(U.S. Army photo by Sgt. John Smith)",
            "CAMP DAWSON, W.Va. -- Mortar teams certified during a week of training.",
        ],
    ),
    (
        "line-units",
        "(U.S. Army National Guard photo by Spc. Jane Doe)\nSoldiers move through a village.",
        ["(U.S. Army National Guard photo by Spc. Jane Doe)", "Soldiers move through a village."],
    ),
    (
        "line-units",
        "Guard Soldiers Complete Rescue Course\nBy Staff Sgt. Jane Doe\n"
        "Soldiers of the West Virginia National Guard completed a three-week course.",
        [
            "Guard Soldiers Complete Rescue Course",
            "By Staff Sgt. Jane Doe",
            "Soldiers of the West Virginia National Guard completed a three-week course.",
        ],
    ),
    (
        "line-units",
        "Gulf states wrap up exercise\nRIYADH, March 5, 2023\nForces concluded the drill.",
        ["Gulf states wrap up exercise", "RIYADH, March 5, 2023", "Forces concluded the drill."],
    ),
    # ... a next line starting in lowercase, or a full line of a wrapped paragraph, continues
    (
        "line-units-wrap",
        "Soldiers of the 150th Cavalry Regiment (U.S. Army)\nmoved through the village.",
        ["Soldiers of the 150th Cavalry Regiment (U.S. Army)\nmoved through the village."],
    ),
    (
        "line-units-wrap",
        "By noon the units of the 1st Battalion had reached\nthe checkpoint.",
        ["By noon the units of the 1st Battalion had reached\nthe checkpoint."],
    ),
    # headings, titles and date lines without final punctuation
    (
        "heading",
        "Qatar and West Virginia Strengthen Ties",
        ["Qatar and West Virginia Strengthen Ties"],
    ),
    ("heading", "Effective Partnership", ["Effective Partnership"]),
    ("heading", "July 30, 2024", ["July 30, 2024"]),
    # hard-wrapped blocks
    (
        "hard-wrap",
        "Qatar and the West Virginia National Guard are entering\nthe fourth year of their "
        "partnership. The partnership\nincludes training.",
        [
            "Qatar and the West Virginia National Guard are entering\nthe fourth year of their "
            "partnership.",
            "The partnership\nincludes training.",
        ],
    ),
    (
        "hard-wrap",
        "The U.S.\nArmy trained here.\r\nThe end.",
        ["The U.S.\nArmy trained here.", "The end."],
    ),
    # enumerators opening a block
    ("enumerator", "1. Introduction", ["1. Introduction"]),
    ("enumerator", "IV. Results", ["IV. Results"]),
    ("enumerator", "a. Scope of the partnership", ["a. Scope of the partnership"]),
    ("enumerator", "2. The program began in 2021.", ["2. The program began in 2021."]),
    ("enumerator", "XII. Annexes", ["XII. Annexes"]),
    ("period", "Civil. The talks stayed civil.", ["Civil.", "The talks stayed civil."]),
    # states and months
    (
        "abbrev-place",
        "She moved from Tex. The move was hard.",
        ["She moved from Tex.", "The move was hard."],
    ),
    ("abbrev-place", "He was born in Calif. in 1970.", ["He was born in Calif. in 1970."]),
    # text of only punctuation is one segment
    ("only-punctuation", "...", ["..."]),
    ("only-punctuation", "?!", ["?!"]),
    ("only-punctuation", "— — —", ["— — —"]),
    ("only-punctuation", "!!! ???", ["!!! ???"]),
    # a trailing punctuation-only piece joins the sentence before it
    ("only-punctuation", "The drill ended. !!!", ["The drill ended. !!!"]),
    # control characters and invisible marks stay inside segments
    (
        "control-chars",
        "The drill\x07 ended. Then\x00 they left.",
        ["The drill\x07 ended.", "Then\x00 they left."],
    ),
    (
        "control-chars",
        "The drill ended.\u200b Then they left.",
        ["The drill ended.\u200b", "Then they left."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), numbered(CASES))
def test_english_rules(text: str, expected: list[str]) -> None:
    assert segments(text, "en") == expected
