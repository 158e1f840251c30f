"""Triggers whose type depends on what they act on or who does them (``object_senses``,
``subject_senses``, ``clausal_senses`` in the lexicon), on sentences written for these tests."""

from __future__ import annotations

import pytest

from .event_helpers import assert_coded, countries, only


@pytest.mark.parametrize(
    "text, type_, cameo",
    [
        # peacekeepers are peacekeeping aid, troops a mobilization, neither a visit
        ("Nepal deployed 800 peacekeeping troops to South Sudan on Monday.", "AID", "074"),
        ("A battalion of Nepalese peacekeepers arrived in Lebanon on Monday.", "AID", "074"),
        ("Thousands of British troops arrived in Estonia on Monday.", "MOBILIZE", "154"),
        ("Russia mobilized 300,000 reservists on Wednesday.", "MOBILIZE", "154"),
        # a quantity's "of" object says what was handed over
        ("Kenyan doctors handed over 500 kg of medicine to the Red Cross in Gaza.", "AID", "073"),
        ("French helicopters evacuated the wounded from the besieged town.", "AID", "073"),
        # withdrawing people other than troops, or leaving a treaty, is a sanction
        ("France withdrew its ambassador from Algeria on Monday.", "SANCTION", "161"),
        ("The United Nations withdrew its inspectors from Iraq on Monday.", "SANCTION", "1662"),
        ("Israeli troops withdrew from the Gaza Strip on Monday.", "RETREAT", "0872"),
        # letting monitors or peacekeepers in is RETREAT:access
        ("Mali received a team of UN observers on Friday.", "RETREAT", "0862"),
        # ending talks or mediation
        ("Egypt ended its mediation between Israel and Hamas on Monday.", "SANCTION", "165"),
        ("Japan suspended talks with North Korea on Monday.", "SANCTION", "164"),
        # held as human shields
        ("The rebels have been holding dozens of villagers as human shields in Kenya.", "ASSAULT", "184"),
        # a ceasefire is broken by fighting, an airspace by a show of force, a law by defiance
        ("Ethiopian troops violated the truce with Eritrea on Sunday.", "ASSAULT", "196"),
        ("Rebels in Chad breached the ceasefire agreement overnight.", "ASSAULT", "196"),
        ("Russian jets violated Turkish airspace on Friday.", "MOBILIZE", "150"),
        ("Serbia violated its agreement with Kosovo.", "REJECT", "128"),
    ],
)
def test_events_arguments_decide_type(code, text, type_, cameo) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).cameo == cameo


@pytest.mark.parametrize(
    "text, absent",
    [
        # mobilizing support, sending a message, restoring calm, a press release: no such acts
        ("Saudi Arabia mobilized lobby groups in the United States on Monday.", "MOBILIZE"),
        ("Turkey sent a message of condolence to Greece on Monday.", "AID"),
        ("The Indian army restored calm in Kashmir on Monday.", "SUPPORT"),
        ("The Kenyan ministry issued a press release on Tuesday.", "RETREAT"),
        ("The Pakistani president delivered a speech to parliament on Tuesday.", "AID"),
    ],
)
def test_events_arguments_make_no_event(code, text, absent) -> None:  # type: ignore[no-untyped-def]
    assert absent not in {e.type for e in code(text)}


def test_events_arguments_violated_agreement_is_one_act(code) -> None:  # type: ignore[no-untyped-def]
    # the agreement broken is what the violation acts on, no agreement of its own
    assert {e.type for e in code("Rebels in Chad breached the ceasefire agreement overnight.")} == {"ASSAULT"}


def test_events_arguments_verdict_convicts_the_small_clause_subject(code) -> None:  # type: ignore[no-untyped-def]
    event = only(code("A court in Tehran found two French journalists guilty of spying."), "SANCTION")
    assert event.cameo == "173" and event.trigger.text == "found"
    assert countries(event.source) == {"IRN"} and countries(event.target) == {"FRA"}


@pytest.mark.parametrize(
    "text",
    [
        # a plea answers a charge: no appeal to anyone
        "Three Kenyan officials pleaded guilty to fraud charges in Nairobi.",
        # being guilty, in someone's view, is no verdict
        "Amnesty says the Syrian army is guilty of war crimes.",
    ],
)
def test_events_arguments_guilt_without_verdict_is_no_sanction_or_request(code, text) -> None:  # type: ignore[no-untyped-def]
    assert not {e.type for e in code(text)} & {"SANCTION", "REQUEST"}


def test_events_arguments_protest_with_clause_is_accusation(code) -> None:  # type: ignore[no-untyped-def]
    evs = code("A Serbian rights group protested that the Croatian authorities are failing to protect refugees.")
    event = only(evs, "ACCUSE")
    assert event.mode == "disapprove"
    assert countries(event.target) == {"HRV"}
    assert "PROTEST" not in {e.type for e in evs}


def test_events_arguments_protest_without_clause_stays_demonstration(code) -> None:  # type: ignore[no-untyped-def]
    assert only(code("Thousands of Serbian students protested outside the parliament in Belgrade."), "PROTEST")


@pytest.mark.parametrize(
    "text, status",
    [
        # readiness is what happened: MOBILIZE, asserted
        ("The Macedonian army prepared to resume shelling rebel positions near Tetovo.", "asserted"),
        ("Russian troops are poised to storm the Ukrainian city of Bakhmut.", "asserted"),
    ],
)
def test_events_arguments_readying_an_attack_is_mobilize(code, text, status) -> None:  # type: ignore[no-untyped-def]
    evs = code(text)
    event = only(evs, "MOBILIZE")
    assert event.cameo == "152"
    assert event.status == status
    assert "ASSAULT" not in {e.type for e in evs}


def test_events_arguments_order_gives_way_to_the_ordered_act(code) -> None:  # type: ignore[no-untyped-def]
    event = only(code("The Pakistani government ordered the arrest of 40 Indian fishermen."), "COERCE")
    assert countries(event.source) == {"PAK"}


@pytest.mark.parametrize(
    "text, type_, cameo",
    [
        # news verbs curated from the CAMEO 2.0 verb dictionary
        ("Qatar brokered a ceasefire between Israel and Hamas on Monday.", "CONSULT", "045"),
        ("The Russian president spoke by phone with his Turkish counterpart on Monday.", "CONSULT", "041"),
        ("Israeli artillery pounded Hezbollah positions in southern Lebanon.", "ASSAULT", "194"),
        ("The Chinese foreign ministry summoned the Japanese ambassador on Monday.", "ACCUSE", "111"),
        ("Turkey shipped 200 tonnes of food to Syria on Monday.", "AID", "073"),
        # destroying property is CAMEO 1712, under 17: coercion
        ("Rioters torched a police station in Kenya on Monday.", "COERCE", "1712"),
    ],
)
def test_events_arguments_news_verbs(code, text, type_, cameo) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).cameo == cameo


@pytest.mark.parametrize(
    "text, type_, cameo",
    [
        # what is expressed decides the act
        ("China expressed strong displeasure with Japan over the visit.", "ACCUSE", "111"),
        ("Germany expressed support for Ukraine on Monday.", "SUPPORT", "051"),
        # taking people hostage or into custody, closing a consulate
        ("Gunmen took 20 Turkish workers hostage in Iraq on Monday.", "ASSAULT", "181"),
        ("Kenyan police took the Somali opposition leader into custody.", "COERCE", "173"),
        ("Russia closed the Estonian consulate in St Petersburg on Monday.", "SANCTION", "161"),
        # stopping a medium is censorship, not a sanction
        ("The Malian junta suspended the broadcasts of a French radio station.", "COERCE", "1721"),
        ("India and Pakistan exchanged fire along the Kashmir border on Monday.", "ASSAULT", "193"),
        # handing over suspects is judicial cooperation; revoking a pact reduces relations
        ("Turkey handed over 12 Islamic State suspects to Iraq on Monday.", "COOPERATE", "063"),
        ("Mali revoked its defence agreements with France on Monday.", "SANCTION", "160"),
        ("Kenya dispatched 1,000 police officers to Haiti on Monday.", "MOBILIZE", "153"),
    ],
)
def test_events_arguments_phrases_by_object(code, text, type_, cameo) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).cameo == cameo


def test_events_arguments_expressed_concern_is_no_event(code) -> None:  # type: ignore[no-untyped-def]
    assert code("The Iranian minister expressed concern about rising food prices in France.") == []


@pytest.mark.parametrize(
    "text, type_",
    [
        # sharing an opinion is no agreement; an agreement on what will happen is
        ("The Kenyan and Ugandan presidents agree that the railway has been a success.", None),
        ("Winning over the farmers, the Kenyan and Ugandan ministers agree, has been slow work.", None),
        ("Kenya and Uganda agreed that talks on the border would resume next week.", "AGREE"),
        ("Kenya and Uganda agreed to resume talks on the border.", "AGREE"),
        # remembering is no recall of an envoy
        ("Russia recalled that the war in Chechnya had lasted a decade.", None),
        ("Russia recalled its ambassador from Estonia on Monday.", "SANCTION"),
        # a charge or interrogation needs a person or group on the receiving end
        ("Kenyan power companies charge differently for the use of electricity.", None),
        ("Kenyan police charged three men with the murder.", "ACCUSE"),
        ("In his book, the Kenyan president interrogates the logic of foreign aid.", None),
        ("Kenyan police interrogated the suspects on Monday.", "ACCUSE"),
        # showing something is no demonstration; protesting against someone is
        ("Kenyan officials demonstrated the safety of their tea to Japan.", None),
        ("Kenyan students demonstrated against the government on Monday.", "PROTEST"),
        # mobilizing anything but forces is no mobilization
        ("The Kenyan minister mobilizes both to confront the crisis in the civil service.", None),
        # strengthening ties is no mobilization; reinforcing troops is
        ("Russia is reinforcing its friendship with Vietnam.", None),
        ("Russia reinforced its troops on the Ukrainian border.", "MOBILIZE"),
        # holding an office is no seizure; occupying a town is
        ("The Kenyan minister has never occupied any public office in Uganda.", None),
        ("Ugandan troops occupied the Kenyan town of Busia.", "COERCE"),
        # committing an offence is no pledge; committing oneself, or troops, is an act
        ("He was cleared of an offence he committed in Nigeria.", None),
        ("Kenya committed itself to the talks with Uganda.", "AGREE"),
        ("Kenya committed 500 troops to the Somali mission.", "MOBILIZE"),
        # awarding a degree is no consultation
        ("The Nigerian university conferred a degree on the Kenyan governor.", None),
        ("Kenya conferred with Uganda on Monday.", "CONSULT"),
        # executing projects is no killing; executing prisoners is
        ("The Kenyan projects were executed by army engineers.", None),
        ("Iran executed three Kurdish prisoners on Monday.", "ASSAULT"),
        # a white paper or life support is neither a release nor support
        ("Iran released a white paper on religion.", None),
        ("A British court ruled that the hospital can turn off the Kenyan boy's life support.", None),
        # a contest denied is sport, not a rejection
        ("The Kenyan runner denied the American champion a third title.", None),
        # words and plans are attacked with words; bases with weapons
        ("The Egyptian foreign minister attacked Israel's decision to expand settlements.", "ACCUSE"),
        ("Israeli jets attacked Hamas positions in Gaza.", "ASSAULT"),
        # a standard is met, a leader is met
        ("The British chancellor would meet his fiscal rules, the adviser said.", None),
        ("President Biden met Chinese President Xi Jinping in Bali.", "CONSULT"),
        # a news conference has no guest
        ("The British prime minister hosted a news conference in London.", None),
        # accepting or recognising a fact is no agreement and no recognition
        ("The Kenyan minister said he accepted that young people drank too much.", None),
        ("Spain recognised Palestine as a state on Tuesday.", "SUPPORT"),
    ],
)
def test_events_arguments_decide_event(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    assert_coded(code(text), type_)


@pytest.mark.parametrize(
    "text, type_",
    [
        # the passive "met with" is a reaction, "accepted to" an admission
        ("The Kenyan proposal was met with anger in Uganda.", None),
        ("The Kenyan student has been accepted to a university in Uganda.", None),
        ("Kenya met with Ugandan officials on Monday.", "CONSULT"),
        # a commitment to a cause is a stance; to an act, a promise
        ("The Kenyan minister is committed to the production of knowledge in Africa.", None),
        ("Kenya said it was committed to holding talks with Uganda.", "AGREE"),
    ],
)
def test_events_passive_and_adjective_senses(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    assert_coded(code(text), type_)


@pytest.mark.parametrize(
    "text, type_",
    [
        # destroying property is coercion (CAMEO 1712 sits under 17, coerce)
        ("Israeli bulldozers demolished Palestinian homes in Hebron on Monday.", "COERCE"),
        ("Afghan rebels blew up power lines near Kabul on Monday.", "COERCE"),
        # destroying forces, or blowing oneself up, is an assault
        ("Afghan rebels blew up an army convoy near Kabul on Monday.", "ASSAULT"),
        ("A Palestinian suicide bomber blew himself up at an Israeli checkpoint.", "ASSAULT"),
    ],
)
def test_events_arguments_property_or_people(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    assert [e.type for e in code(text)] == [type_]


@pytest.mark.parametrize(
    "text, requested",
    [
        # asking a question is no request; asking someone to act, or that they act, is
        ("Russia asked whether Kenya had withdrawn its ambassador.", False),
        ('"Why did you leave the talks?" the Russian minister asked.', False),
        ("Kenya asked Uganda to withdraw its troops.", True),
        ("Kenya asked that Uganda withdraw its troops.", True),
    ],
)
def test_events_arguments_question_is_no_request(code, text, requested) -> None:  # type: ignore[no-untyped-def]
    assert ("REQUEST" in [e.type for e in code(text)]) is requested


@pytest.mark.parametrize(
    "text, type_",
    [
        # opening a crossing eases a restriction, as closing one imposes it
        ("Egypt opened the Rafah crossing for aid trucks.", "RETREAT"),
        # blocking a decision is a veto; blocking a road an obstruction
        ("Hungary blocked the EU's aid package for Ukraine.", "REJECT"),
        ("Protesters blocked the main highway into Dhaka.", "PROTEST"),
        # a crowd named by its number
        ("Thousands marched in Tbilisi against the foreign agents law.", "PROTEST"),
        ("Hundreds protested outside parliament in Nairobi.", "PROTEST"),
        # help is aid when someone is helped
        ("The US helped Iraq rebuild its army.", "AID"),
        ("The new British measures will help reduce crime.", None),
        # views sent to a newspaper, a voter taken for granted
        ("British readers sent their views to the papers.", None),
        ("Labour has taken the British voters for granted.", None),
        # cutting ties, aid, supplies or troops abroad is a sanction or a withdrawal; cutting taxes is not
        ("Russia cut gas supplies to Ukraine.", "SANCTION"),
        ("Canada cut diplomatic ties with Iran.", "SANCTION"),
        ("The US reduced its troops in Iraq.", "RETREAT"),
        ("The British government plans to cut taxes.", None),
        ("The Indian minister must cut the budget deficit.", None),
    ],
)
def test_events_arguments_what_is_acted_on(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    assert_coded(code(text), type_)


@pytest.mark.parametrize(
    "text, type_",
    [
        # a warning is a threat when it is of the warner's own act, a forecast otherwise
        ("Iran warned that it would retaliate against any Israeli attack.", "THREATEN"),
        ("The Egyptian security chief warned that police will no longer tolerate rallies.", "THREATEN"),
        ("The British minister warned that the economy would suffer if the tax rose.", None),
        # no answer is no rejection; a refused demand is
        ("The Kenyan ministry declined to comment on the report.", None),
        ("The Palestinian prime minister refused to respond to a demand from the US president.", "REJECT"),
        # an act "without" is an act that did not happen
        ("The British detainees were released without charge by UK police.", "RETREAT"),
        # a freeze on assets is a sanction, one on a tax is not
        ("The EU announced a freeze on Iranian assets.", "SANCTION"),
        ("The British chancellor announced a freeze on petrol duty.", None),
    ],
)
def test_events_arguments_warnings_refusals_and_absences(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    types = assert_coded(code(text), type_)
    if "without charge" in text:
        assert "ACCUSE" not in types


@pytest.mark.parametrize(
    "text, type_",
    [
        # a politician's attack on another is of words; an armed side's or with a weapon is not
        ("British opposition leader Charles Kennedy attacked Prime Minister Tony Blair over Iraq.", "ACCUSE"),
        ("Gunmen attacked the Iraqi interior minister in Baghdad.", "ASSAULT"),
        ("A British minister was attacked with a knife by a constituent.", "ASSAULT"),
        ("Rebels clashed with government troops in Darfur.", "ASSAULT"),
        # refusing to answer questions is no rejection
        ("The British minister refused to answer questions about the report.", None),
    ],
)
def test_events_arguments_attacks_of_words(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    types = assert_coded(code(text), type_)
    if type_ == "ACCUSE":
        assert "ASSAULT" not in types
