// The sandbox seller's assortment: a women's clothing brand with a unisex basics line. Subject
// ids are the sandbox's own (WB's real subject ids are not published in the specs); names, sizes,
// compositions and texts follow what such cards look like on WB.

export type Gender = "m" | "f" | "n" | "pl";

/** A noun in the forms the review and question texts need. */
export interface Noun {
  /** "платье" */
  nom: string;
  /** "платье", "футболку" */
  acc: string;
  g: Gender;
}

export interface Material {
  /** The fabric's everyday name, for texts: "плотный трикотаж". */
  name: string;
  /** `Состав` values as sellers fill them in. */
  composition: string[];
  /** `Фактура материала`. */
  texture: string;
}

export type Sizing = "ru" | "intl";

export interface SubjectDef {
  key: string;
  name: string;
  id: number;
  /** Vendor-code prefix: "PL-0142/черный". */
  prefix: string;
  line: "women" | "basic";
  sizing: Sizing;
  gender: "Женский" | "Унисекс";
  noun: Noun;
  titles: readonly string[];
  materials: readonly Material[];
  seasons: readonly string[];
  /** Base price (before the seller's discount), roubles. */
  price: readonly [number, number];
  /** The seller's usual discount, %. */
  discount: readonly [number, number];
  /** Relative demand of the subject. */
  popularity: number;
  /** Annual demand swing: multiplier 1 + amp·cos(2π(doy − peak)/365). */
  seasonPeakDoy: number;
  seasonAmp: number;
  /** Packed size, cm, and gross weight range, kg. */
  box: readonly [number, number, number];
  weight: readonly [number, number];
  /** WB commission (кВВ), %, for the financial report. */
  commission: number;
  hooks: readonly string[];
  fit: readonly string[];
  styling: readonly string[];
  /** Extra characteristics: name → possible values. */
  extra: Readonly<Record<string, readonly string[]>>;
}

const m = (name: string, texture: string, ...composition: string[]): Material => ({ name, texture, composition });

const KNIT = m("мягкий плотный трикотаж", "трикотаж", "хлопок 70%", "полиэстер 25%", "эластан 5%");
const COTTON = m("хлопок", "хлопок", "хлопок 100%");
const COTTON_EL = m("хлопок с эластаном", "хлопок", "хлопок 95%", "эластан 5%");
const FOOTER = m("футер трёхнитка с начёсом", "футер", "хлопок 80%", "полиэстер 20%");
const FOOTER_LIGHT = m("футер двухнитка без начёса", "футер", "хлопок 92%", "эластан 8%");
const VISCOSE = m("вискоза", "вискоза", "вискоза 100%");
const LINEN = m("лён с вискозой", "лён", "лён 55%", "вискоза 45%");
const SATIN = m("сатин с лёгким блеском", "сатин", "полиэстер 97%", "эластан 3%");
const DENIM = m("деним с небольшой эластичностью", "деним", "хлопок 98%", "эластан 2%");
const DENIM_RIGID = m("плотный деним без стрейча", "деним", "хлопок 100%");
const SUITING = m("костюмная ткань", "костюмная ткань", "полиэстер 65%", "вискоза 32%", "эластан 3%");
const CHIFFON = m("шифон", "шифон", "полиэстер 100%");
const YARN = m("мягкая пряжа", "вязаное полотно", "акрил 60%", "шерсть 25%", "полиамид 15%");
const MERINO = m("тонкая шерсть мериноса", "вязаное полотно", "шерсть мериноса 100%");
const ECOLEATHER = m("экокожа", "экокожа", "полиуретан 60%", "вискоза 40%");
const PUFFER = m("плащёвка с водоотталкивающей пропиткой", "плащевая ткань", "полиэстер 100%");
const FLANNEL = m("мягкая фланель", "фланель", "хлопок 100%");
const RIB = m("трикотаж в рубчик", "рибана", "хлопок 92%", "эластан 8%");

export const SUBJECTS: readonly SubjectDef[] = [
  {
    key: "dress", name: "Платья", id: 69, prefix: "PL", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "платье", acc: "платье", g: "n" },
    titles: [
      "Платье миди трикотажное с длинным рукавом", "Платье-рубашка из хлопка с поясом", "Платье макси на запах",
      "Платье атласное вечернее на бретелях", "Платье-футляр офисное", "Платье-свитер вязаное оверсайз",
      "Платье летнее из вискозы с принтом", "Платье мини с объёмными рукавами", "Платье льняное свободного кроя",
      "Платье трапеция с отложным воротником",
    ],
    materials: [KNIT, COTTON_EL, VISCOSE, SATIN, LINEN, SUITING],
    seasons: ["демисезон", "лето", "круглогодичный"], price: [4990, 9990], discount: [50, 65], popularity: 1.5,
    seasonPeakDoy: 170, seasonAmp: 0.25, box: [35, 28, 4], weight: [0.35, 0.7], commission: 25.5,
    hooks: [
      "Платье, которое одинаково уместно в офисе, на свидании и на прогулке.",
      "Универсальная модель на каждый день: надели — и образ готов.",
      "Женственный силуэт и удобство, в котором можно провести весь день.",
    ],
    fit: [
      "Силуэт слегка приталенный, длина — до середины икры.",
      "Свободный крой не сковывает движений и деликатно скрывает особенности фигуры.",
      "Пояс в комплекте подчёркивает талию, его можно завязать спереди или сбоку.",
    ],
    styling: [
      "Носите с кедами днём и с ботильонами вечером.",
      "Дополните образ жакетом или кардиганом в прохладную погоду.",
      "Хорошо сочетается с тонким ремнём и минималистичными украшениями.",
    ],
    extra: { "Длина изделия по спинке": ["98 см", "105 см", "112 см", "120 см"], "Тип рукава": ["длинные", "короткие", "без рукавов", "три четверти"], "Вырез горловины": ["круглый", "V-образный", "отложной воротник"] },
  },
  {
    key: "tshirt", name: "Футболки", id: 192, prefix: "FT", line: "basic", sizing: "intl", gender: "Унисекс",
    noun: { nom: "футболка", acc: "футболку", g: "f" },
    titles: [
      "Футболка оверсайз хлопковая", "Футболка базовая однотонная", "Футболка с принтом оверсайз",
      "Футболка удлинённая из плотного хлопка", "Футболка поло трикотажная",
    ],
    materials: [COTTON, COTTON_EL, KNIT],
    seasons: ["лето", "круглогодичный"], price: [1990, 3490], discount: [45, 60], popularity: 1.4,
    seasonPeakDoy: 180, seasonAmp: 0.3, box: [30, 22, 3], weight: [0.18, 0.3], commission: 24.5,
    hooks: [
      "Базовая футболка, без которой не обходится ни один гардероб.",
      "Та самая плотная футболка, которая не теряет вид после десятков стирок.",
      "Простая футболка свободного кроя для города, дома и путешествий.",
    ],
    fit: [
      "Крой оверсайз с заниженной линией плеча; если хотите по фигуре — берите на размер меньше.",
      "Прямой силуэт, длина закрывает пояс джинсов.",
      "Горловина обработана рибаной и не растягивается.",
    ],
    styling: [
      "Носите с джинсами, юбкой или под пиджак.",
      "Заправьте в брюки палаццо для более собранного образа.",
    ],
    extra: { "Плотность ткани": ["180 г/м²", "200 г/м²", "240 г/м²"], "Вырез горловины": ["круглый"] },
  },
  {
    key: "hoodie", name: "Худи", id: 1724, prefix: "HD", line: "basic", sizing: "intl", gender: "Унисекс",
    noun: { nom: "худи", acc: "худи", g: "n" },
    titles: ["Худи оверсайз с капюшоном на флисе", "Худи укороченное", "Худи на молнии утеплённое", "Худи базовое унисекс"],
    materials: [FOOTER, FOOTER_LIGHT],
    seasons: ["демисезон", "зима"], price: [3990, 6490], discount: [45, 60], popularity: 1.2,
    seasonPeakDoy: 320, seasonAmp: 0.35, box: [38, 30, 6], weight: [0.5, 0.9], commission: 24.5,
    hooks: [
      "Тёплое худи, в котором уютно и дома, и на улице.",
      "Объёмное худи свободного кроя — главный герой осеннего гардероба.",
    ],
    fit: [
      "Двойной капюшон держит форму, манжеты и низ на плотной резинке.",
      "Карман-кенгуру и спущенное плечо.",
    ],
    styling: ["Носите с джоггерами, джинсами или юбкой-миди и кроссовками."],
    extra: { "Особенности модели": ["капюшон", "карман-кенгуру", "начёс"] },
  },
  {
    key: "sweatshirt", name: "Свитшоты", id: 1725, prefix: "SW", line: "basic", sizing: "intl", gender: "Унисекс",
    noun: { nom: "свитшот", acc: "свитшот", g: "m" },
    titles: ["Свитшот оверсайз с начёсом", "Свитшот с вышивкой", "Свитшот базовый хлопковый"],
    materials: [FOOTER, FOOTER_LIGHT],
    seasons: ["демисезон", "круглогодичный"], price: [3490, 5490], discount: [45, 60], popularity: 1.0,
    seasonPeakDoy: 300, seasonAmp: 0.3, box: [36, 28, 5], weight: [0.4, 0.7], commission: 24.5,
    hooks: ["Свитшот на каждый день: мягкий внутри и аккуратный снаружи."],
    fit: ["Свободный силуэт, манжеты и низ из рибаны.", "Круглая горловина, спущенная линия плеча."],
    styling: ["Надевайте поверх рубашки — воротник красиво выглядывает из горловины."],
    extra: { "Особенности модели": ["начёс", "вышивка", "без карманов"] },
  },
  {
    key: "jeans", name: "Джинсы", id: 180, prefix: "DJ", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "джинсы", acc: "джинсы", g: "pl" },
    titles: [
      "Джинсы мом с высокой посадкой", "Джинсы широкие палаццо", "Джинсы прямые классические",
      "Джинсы клёш от бедра", "Джинсы скинни стрейч",
    ],
    materials: [DENIM, DENIM_RIGID],
    seasons: ["круглогодичный"], price: [3990, 6990], discount: [45, 60], popularity: 1.3,
    seasonPeakDoy: 260, seasonAmp: 0.12, box: [35, 30, 5], weight: [0.6, 0.9], commission: 25.5,
    hooks: ["Джинсы, которые сидят так, будто сшиты по вашим меркам.", "Те самые джинсы, к которым всё подходит."],
    fit: [
      "Высокая посадка держит живот и визуально удлиняет ноги.",
      "Длина в пол с учётом каблука; можно подвернуть.",
      "Плотный деним держит форму и не вытягивается на коленях.",
    ],
    styling: ["Носите с объёмным свитером, рубашкой или базовой футболкой."],
    extra: { "Посадка": ["высокая", "средняя"], "Длина брюк по внутреннему шву": ["76 см", "78 см", "80 см"] },
  },
  {
    key: "trousers", name: "Брюки", id: 11, prefix: "BR", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "брюки", acc: "брюки", g: "pl" },
    titles: [
      "Брюки палаццо из костюмной ткани", "Брюки карго свободные", "Брюки классические со стрелками",
      "Брюки джоггеры трикотажные", "Брюки прямые льняные",
    ],
    materials: [SUITING, COTTON_EL, FOOTER_LIGHT, LINEN],
    seasons: ["демисезон", "лето", "круглогодичный"], price: [3490, 6490], discount: [45, 62], popularity: 1.1,
    seasonPeakDoy: 120, seasonAmp: 0.15, box: [35, 28, 4], weight: [0.4, 0.7], commission: 25.5,
    hooks: ["Брюки, в которых удобно с утра до вечера.", "Базовые брюки, которые собирают офисный и повседневный образ."],
    fit: ["Высокая посадка, широкий пояс, боковые карманы.", "Заутюженные стрелки визуально вытягивают силуэт."],
    styling: ["Носите с лоферами, кроссовками или на каблуке.", "Сочетаются с блузкой, водолазкой или оверсайз-футболкой."],
    extra: { "Посадка": ["высокая", "средняя"], "Тип карманов": ["боковые", "накладные"] },
  },
  {
    key: "skirt", name: "Юбки", id: 95, prefix: "UB", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "юбка", acc: "юбку", g: "f" },
    titles: [
      "Юбка миди плиссированная", "Юбка-карандаш офисная", "Юбка макси сатиновая", "Юбка мини из экокожи",
      "Юбка джинсовая миди с разрезом",
    ],
    materials: [SATIN, SUITING, ECOLEATHER, DENIM],
    seasons: ["демисезон", "лето"], price: [2990, 5490], discount: [45, 60], popularity: 0.8,
    seasonPeakDoy: 150, seasonAmp: 0.2, box: [32, 26, 3], weight: [0.3, 0.55], commission: 25.5,
    hooks: ["Юбка, которая делает образ женственным без лишних усилий."],
    fit: ["Пояс на потайной молнии, сзади небольшая резинка для комфорта.", "Длина — ниже колена, красиво двигается при ходьбе."],
    styling: ["Носите со свитером оверсайз и грубыми ботинками или с блузкой и лодочками."],
    extra: { "Длина юбки": ["мини", "миди", "макси"] },
  },
  {
    key: "jacket", name: "Куртки", id: 168, prefix: "KR", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "куртка", acc: "куртку", g: "f" },
    titles: [
      "Куртка демисезонная стёганая", "Куртка бомбер", "Куртка джинсовая оверсайз", "Куртка косуха из экокожи",
      "Куртка зимняя удлинённая с капюшоном",
    ],
    materials: [PUFFER, DENIM_RIGID, ECOLEATHER],
    seasons: ["демисезон", "зима"], price: [8990, 16990], discount: [45, 60], popularity: 0.9,
    seasonPeakDoy: 290, seasonAmp: 0.55, box: [45, 35, 10], weight: [0.9, 1.6], commission: 26.5,
    hooks: ["Лёгкая и тёплая куртка для переменчивой погоды.", "Куртка, которая закрывает вопрос верхней одежды на весь сезон."],
    fit: ["Прямой крой, под куртку свободно помещается объёмный свитер.", "Капюшон съёмный, манжеты с ветрозащитой."],
    styling: ["Носите с джинсами, трикотажным костюмом или платьем-свитером."],
    extra: { "Утеплитель": ["синтепон 100 г/м²", "синтепон 150 г/м²", "без утеплителя"], "Температурный режим": ["от +5 до -10 °C", "от +15 до 0 °C"], "Застёжка": ["молния", "кнопки"] },
  },
  {
    key: "blouse", name: "Блузки", id: 41, prefix: "BL", line: "women", sizing: "ru", gender: "Женский",
    noun: { nom: "блузка", acc: "блузку", g: "f" },
    titles: ["Блузка шифоновая с бантом", "Блузка из вискозы свободного кроя", "Блузка белая офисная", "Блузка с объёмными рукавами"],
    materials: [CHIFFON, VISCOSE, COTTON_EL, SATIN],
    seasons: ["демисезон", "лето", "круглогодичный"], price: [2990, 4990], discount: [45, 60], popularity: 0.8,
    seasonPeakDoy: 100, seasonAmp: 0.15, box: [32, 25, 3], weight: [0.2, 0.35], commission: 25.5,
    hooks: ["Блузка, которая делает любой образ собранным."],
    fit: ["Свободный крой, манжеты на пуговицах.", "Полупрозрачная ткань: под блузку подойдёт топ телесного цвета."],
    styling: ["Заправьте в юбку-карандаш или носите навыпуск с джинсами."],
    extra: { "Тип рукава": ["длинные", "три четверти", "фонарик"] },
  },
  {
    key: "shirt", name: "Рубашки", id: 184, prefix: "RB", line: "basic", sizing: "intl", gender: "Унисекс",
    noun: { nom: "рубашка", acc: "рубашку", g: "f" },
    titles: ["Рубашка оверсайз из хлопка", "Рубашка льняная свободная", "Рубашка в клетку фланелевая"],
    materials: [COTTON, LINEN, FLANNEL],
    seasons: ["демисезон", "лето"], price: [2990, 4990], discount: [45, 60], popularity: 0.7,
    seasonPeakDoy: 160, seasonAmp: 0.2, box: [33, 26, 4], weight: [0.25, 0.45], commission: 24.5,
    hooks: ["Рубашка, которую можно носить как рубашку, как жакет и как лёгкую куртку."],
    fit: ["Удлинённая спинка, нагрудный карман, спущенное плечо."],
    styling: ["Носите нараспашку поверх футболки или завяжите узлом на талии."],
    extra: { "Тип воротника": ["классический", "стойка"] },
  },
  {
    key: "jumper", name: "Джемперы", id: 104, prefix: "DM", line: "women", sizing: "intl", gender: "Женский",
    noun: { nom: "джемпер", acc: "джемпер", g: "m" },
    titles: ["Джемпер вязаный оверсайз", "Джемпер из мериноса тонкий", "Джемпер с V-образным вырезом", "Свитер с высоким горлом"],
    materials: [YARN, MERINO],
    seasons: ["демисезон", "зима"], price: [3990, 7990], discount: [45, 60], popularity: 0.9,
    seasonPeakDoy: 330, seasonAmp: 0.45, box: [35, 28, 6], weight: [0.35, 0.7], commission: 25.5,
    hooks: ["Тёплый джемпер, который не колется и не электризуется."],
    fit: ["Свободная посадка, рукава с манжетами в рубчик."],
    styling: ["Носите с юбкой-миди, джинсами или поверх платья."],
    extra: { "Вид вязки": ["крупная", "мелкая"], "Вырез горловины": ["круглый", "V-образный", "горло"] },
  },
  {
    key: "longsleeve", name: "Лонгсливы", id: 3091, prefix: "LS", line: "basic", sizing: "intl", gender: "Унисекс",
    noun: { nom: "лонгслив", acc: "лонгслив", g: "m" },
    titles: ["Лонгслив базовый хлопковый", "Лонгслив в рубчик облегающий"],
    materials: [COTTON_EL, RIB],
    seasons: ["круглогодичный"], price: [1990, 3290], discount: [45, 60], popularity: 0.8,
    seasonPeakDoy: 300, seasonAmp: 0.15, box: [30, 22, 3], weight: [0.2, 0.3], commission: 24.5,
    hooks: ["Лонгслив — база для многослойных образов."],
    fit: ["Облегающий силуэт, тянется и возвращает форму."],
    styling: ["Носите под сарафан, жилет или рубашку."],
    extra: { "Вырез горловины": ["круглый", "горло"] },
  },
  {
    key: "cardigan", name: "Кардиганы", id: 103, prefix: "KD", line: "women", sizing: "intl", gender: "Женский",
    noun: { nom: "кардиган", acc: "кардиган", g: "m" },
    titles: ["Кардиган вязаный на пуговицах", "Кардиган удлинённый оверсайз"],
    materials: [YARN],
    seasons: ["демисезон"], price: [3990, 6990], discount: [45, 60], popularity: 0.6,
    seasonPeakDoy: 270, seasonAmp: 0.35, box: [35, 28, 6], weight: [0.4, 0.7], commission: 25.5,
    hooks: ["Кардиган, который заменяет жакет в прохладные дни."],
    fit: ["Свободный крой, пуговицы в тон, накладные карманы."],
    styling: ["Накиньте поверх платья или носите с джинсами и футболкой."],
    extra: { "Застёжка": ["пуговицы"] },
  },
  {
    key: "suit", name: "Костюмы", id: 155, prefix: "KS", line: "women", sizing: "intl", gender: "Женский",
    noun: { nom: "костюм", acc: "костюм", g: "m" },
    titles: ["Костюм спортивный с начёсом", "Костюм брючный с жакетом", "Костюм трикотажный с юбкой"],
    materials: [FOOTER, SUITING, KNIT],
    seasons: ["демисезон", "круглогодичный"], price: [5990, 11990], discount: [45, 60], popularity: 1.0,
    seasonPeakDoy: 290, seasonAmp: 0.25, box: [40, 30, 7], weight: [0.7, 1.2], commission: 25.5,
    hooks: ["Костюм из двух вещей, которые работают и вместе, и по отдельности."],
    fit: ["Брюки на широкой резинке со шнурком, кофта свободного кроя."],
    styling: ["Носите комплектом или сочетайте предметы с другими вещами гардероба."],
    extra: { "Комплектация": ["кофта, брюки", "жакет, брюки", "джемпер, юбка"] },
  },
];

export const COLORS: readonly string[] = [
  "черный", "белый", "бежевый", "молочный", "серый меланж", "графит", "темно-синий", "хаки", "шоколадный",
  "пудровый", "оливковый", "бордовый", "голубой", "песочный",
];

export const RU_SIZES: readonly string[] = ["42", "44", "46", "48", "50", "52", "54"];
export const INTL_SIZES: readonly string[] = ["XS", "S", "M", "L", "XL", "XXL"];
/** WB's Russian size for each international size (`wbSize`). */
export const INTL_TO_RU: Readonly<Record<string, string>> = {
  XS: "40-42", S: "42-44", M: "44-46", L: "46-48", XL: "48-50", XXL: "50-52",
};

export const COUNTRIES: readonly string[] = ["Россия", "Россия", "Россия", "Киргизия", "Узбекистан", "Китай"];

export const CARE: readonly string[] = [
  "Деликатная стирка при 30 °C, не отбеливать, гладить при средней температуре.",
  "Стирка при 30 °C с изнанки, сушить в расправленном виде.",
  "Ручная или деликатная стирка при 30 °C, не выкручивать.",
];

export const SELLER = {
  name: "ИП Соколова Марина Андреевна",
  tin: "772915438106",
  tradeMark: "Mirella",
  brands: { women: "Mirella", basic: "NORDVIK basic" },
} as const;

/** The seller's own tags in the content cards (id, name, WB tag colour). */
export const TAGS = [
  { id: 1209871, name: "Новинка", color: "DEF1DD" },
  { id: 1209872, name: "Хит продаж", color: "FEE0E0" },
  { id: 1209873, name: "Распродажа", color: "FFECC7" },
  { id: 1209874, name: "Базовая коллекция", color: "E4EAFF" },
] as const;

/** Picks the word form for a noun's gender: agree("f", {m:"подошёл", f:"подошла", n:"подошло", pl:"подошли"}). */
export function agree(g: Gender, forms: Record<Gender, string>): string {
  return forms[g];
}
