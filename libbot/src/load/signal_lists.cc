// Copyright 2026 The libbot Authors.
#include "load/signal_lists.h"

namespace libbot::internal {
namespace {

struct ListRow {
  SignalList list;
  const char* name;
  std::vector<const char*> hu;
  std::vector<const char*> pl;
};

// Words a customer types, chosen to be unambiguous in a customer-service
// chat: "újra" and "ponownie" ("again") are left out of repeated contact,
// since "szeretném újra beállítani" is no complaint; a yes is never a bare
// "az" or "to", which start ordinary questions. Cancel, yes, no and human
// count only when they are (nearly) the whole message (engine/signals.h).
const std::vector<ListRow>& Rows() {
  static const auto* rows = new std::vector<ListRow>{
      {SignalList::kCancel,
       "cancel",
       {"mégsem", "mégse", "hagyjuk", "hagyjuk ezt", "nem kell", "nem kérem",
        "felejtsük el", "felejtse el", "mindegy", "inkább nem", "semmi",
        "mégsem kell", "tárgytalan"},
       {"nieważne", "anuluj", "rezygnuję", "zapomnij", "nie trzeba",
        "jednak nie", "nic", "daj spokój", "niepotrzebne", "odwołuję",
        "już nie trzeba", "nie potrzebuję"}},
      {SignalList::kYes,
       "yes",
       {"igen", "persze", "pontosan", "aha", "ja", "jó", "oké", "ok", "rendben",
        "így van", "arra", "arra gondoltam", "igen arra", "naná", "stimmel",
        "úgy van", "az az", "természetesen"},
       {"tak", "dokładnie", "zgadza się", "ok", "okej", "dobrze", "właśnie",
        "o to", "o to chodzi", "tak o to", "jasne", "pewnie", "owszem",
        "tak jest", "no tak", "oczywiście"}},
      {SignalList::kNo,
       "no",
       {"nem", "nem arra", "nem az", "nem erre", "dehogy", "nem igazán",
        "egyáltalán nem", "nem erről", "nem ez"},
       {"nie", "nie o to", "nie to", "wcale nie", "nie chodzi o to",
        "nie o to chodzi", "skąd", "nie tak"}},
      {SignalList::kHuman,
       "human",
       {"ember", "élő ember", "ügyintéző", "operátor", "munkatárs", "kolléga",
        "ügyfélszolgálatos", "ügyfélszolgálat", "valaki élő", "emberi segítség",
        "embert kérek", "ügyintézőt kérek"},
       {"konsultant", "człowiek", "z człowiekiem", "operator", "pracownik",
        "agent", "żywy człowiek", "doradca", "obsługa klienta",
        "prawdziwy człowiek", "poproszę konsultanta"}},
      {SignalList::kProfanity,
       "profanity",
       {"kurva", "bazdmeg", "baszd meg", "basszus", "picsába", "fasz", "faszom",
        "szar", "szarság", "geci", "francba", "a francba", "a fenébe",
        "kibaszott", "rohadt", "anyád"},
       {"kurwa", "kurde", "cholera", "cholerny", "chuj", "chujowy", "pierdolę",
        "pierdolony", "jebać", "jebany", "spierdalaj", "szlag", "gówno",
        "do diabła", "kurczę", "zasrany"}},
      {SignalList::kRepeatedContact,
       "repeated_contact",
       {"harmadszor", "negyedszer", "ötödször", "sokadszor", "századszor",
        "megint", "már megint", "már többször", "már írtam", "hányszor",
        "többedszer", "sokadjára", "harmadjára"},
       {"znowu", "znów", "po raz kolejny", "po raz trzeci", "trzeci raz",
        "kolejny raz", "który raz", "już pisałem", "już pisałam", "ile razy",
        "po raz czwarty", "setny raz"}},
      {SignalList::kNegative,
       "negative",
       {"felháborító", "botrány", "botrányos", "elfogadhatatlan", "szörnyű",
        "katasztrófa", "katasztrofális", "pofátlan", "pofátlanság", "csalás",
        "átverés", "undorító", "nevetséges", "szégyen", "gyalázat", "borzalmas",
        "elegem van", "tűrhetetlen", "felháborodva"},
       {"skandal", "skandaliczny", "żenada", "żenujący", "porażka", "oszustwo",
        "oszust", "beznadziejny", "beznadzieja", "fatalny", "tragedia",
        "tragiczny", "koszmar", "nie do przyjęcia", "mam dość", "złodziej",
        "kpina", "hańba", "wściekły"}},
      // What customers write around a question: greetings and thanks (the
      // two lists after this one), forms of address, sign-offs, "I have a
      // question", asking for help or whether anyone is there ("segítene?",
      // "jest ktoś?"). The search sets
      // them aside when the message says something besides (engine.cc,
      // ReadFraming); a message of them alone is what it is. Their words
      // ask for help in other phrasings too (SignalWords::IsFramingWord).
      {SignalList::kFraming,
       "framing",
       {"üdvözlettel",
        "tisztelettel",
        "tisztelt ügyfélszolgálat",
        "kedves ügyfélszolgálat",
        "tisztelt hölgyem uram",
        "tisztelt uram",
        "tisztelt hölgyem",
        "várom a válaszukat",
        "várom válaszukat",
        "várom a válaszát",
        "mielőbbi válaszukat várva",
        "várom mielőbbi válaszukat",
        "mielőbb",
        "minél előbb",
        "egy kérdésem lenne",
        "lenne egy kérdésem",
        "kérdésem lenne",
        "az lenne a kérdésem",
        "a kérdésem az",
        "szeretnék kérdezni",
        "szeretnék kérdezni valamit",
        "kérdeznék valamit",
        "kérdezhetek valamit",
        "kérdezni szeretnék",
        "szeretnék érdeklődni",
        "érdeklődni szeretnék",
        "kérem válaszoljanak",
        "kérem segítsenek",
        "segítséget szeretnék kérni",
        "segítene",
        "segítene valamiben",
        "tudna segíteni",
        "tud segíteni",
        "tudnának segíteni",
        "segítségre van szükségem",
        "segítség kellene",
        "van itt valaki",
        "van ott valaki",
        "itt van valaki",
        "egy kérdés"},
       {"szanowni państwo",
        "szanowny panie",
        "szanowna pani",
        "pozdrawiam",
        "pozdrawiam serdecznie",
        "serdecznie pozdrawiam",
        "pozdrowienia",
        "z poważaniem",
        "z wyrazami szacunku",
        "będę wdzięczny",
        "będę wdzięczny za pomoc",
        "będę wdzięczny za odpowiedź",
        "czekam na odpowiedź",
        "czekam na szybką odpowiedź",
        "proszę o odpowiedź",
        "proszę o szybką odpowiedź",
        "proszę o pomoc",
        "proszę o informację",
        "mam pytanie",
        "mam takie pytanie",
        "mam problem",
        "mam taki problem",
        "chciałbym zapytać",
        "chciałbym się dowiedzieć",
        "czy może mi pan pomóc",
        "czy może mi pani pomóc",
        "może mi pan pomóc",
        "może mi pani pomóc",
        "czy możecie mi pomóc",
        "możecie mi pomóc",
        "czy możesz mi pomóc",
        "możesz mi pomóc",
        "potrzebuję pomocy",
        "jest ktoś",
        "czy jest ktoś",
        "jest tam ktoś",
        "mam sprawę",
        "mam taką sprawę"}},
      // Greetings and thanks: framing too (IsFramingList), and each a list
      // of its own, so that a bot's greeting or thanks intent answers any
      // of them alone ("Üdv!" where its examples say "Szia";
      // EngineRep::AnswerCourtesy).
      {SignalList::kGreeting,
       "greeting",
       {"jó napot", "jó napot kívánok", "jó reggelt", "jó reggelt kívánok",
        "jó estét", "jó estét kívánok", "szia", "sziasztok", "szervusz",
        "szervusztok", "helló", "hello", "hali", "üdv", "üdvözlöm"},
       {"dzień dobry", "dobry wieczór", "witam", "witam serdecznie",
        "witam państwa", "witajcie", "cześć", "hej", "siema", "halo"}},
      {SignalList::kThanks,
       "thanks",
       {"köszönöm", "köszönöm szépen", "köszi", "előre is köszönöm",
        "előre is köszi", "köszönöm előre is", "köszönöm a válaszát",
        "köszönöm a segítséget"},
       {"dziękuję", "dziękuję bardzo", "bardzo dziękuję", "dzięki",
        "dzięki wielkie", "z góry dziękuję", "z góry dzięki", "dziękuję z góry",
        "dziękuję za odpowiedź", "dziękuję za pomoc"}},
  };
  return *rows;
}

const ListRow& RowOf(SignalList list) {
  return Rows()[static_cast<size_t>(list)];
}

}  // namespace

const char* SignalListName(SignalList list) { return RowOf(list).name; }

const std::vector<std::string>& SignalListNames() {
  static const auto* names = [] {
    auto* out = new std::vector<std::string>;
    for (const ListRow& row : Rows()) out->emplace_back(row.name);
    return out;
  }();
  return *names;
}

const std::vector<const char*>& BuiltinSignalWords(SignalList list, Lang lang) {
  const ListRow& row = RowOf(list);
  return lang == Lang::kPl ? row.pl : row.hu;
}

}  // namespace libbot::internal
