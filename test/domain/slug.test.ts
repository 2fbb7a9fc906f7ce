import { describe, expect, it } from "vitest";
import { MAX_SLUG_LENGTH, SLUG_PATTERN, slugify } from "../../src/domain/slug";

/** The examples column of the table in KMU resolution No. 55 of 27 January 2010. */
const KMU_2010_EXAMPLES: [string, string][] = [
  ["Алушта", "alushta"],
  ["Андрій", "andrii"],
  ["Борщагівка", "borshchahivka"],
  ["Борисенко", "borysenko"],
  ["Вінниця", "vinnytsia"],
  ["Володимир", "volodymyr"],
  ["Гадяч", "hadiach"],
  ["Богдан", "bohdan"],
  ["Згурський", "zghurskyi"],
  ["Ґалаґан", "galagan"],
  ["Ґорґани", "gorgany"],
  ["Донецьк", "donetsk"],
  ["Дмитро", "dmytro"],
  ["Рівне", "rivne"],
  ["Олег", "oleh"],
  ["Есмань", "esman"],
  ["Єнакієве", "yenakiieve"],
  ["Гаєвич", "haievych"],
  ["Короп’є", "koropie"],
  ["Житомир", "zhytomyr"],
  ["Жанна", "zhanna"],
  ["Жежелів", "zhezheliv"],
  ["Закарпаття", "zakarpattia"],
  ["Казимирчук", "kazymyrchuk"],
  ["Медвин", "medvyn"],
  ["Михайленко", "mykhailenko"],
  ["Іванків", "ivankiv"],
  ["Іващенко", "ivashchenko"],
  ["Їжакевич", "yizhakevych"],
  ["Кадиївка", "kadyivka"],
  ["Мар’їне", "marine"],
  ["Йосипівка", "yosypivka"],
  ["Стрий", "stryi"],
  ["Олексій", "oleksii"],
  ["Київ", "kyiv"],
  ["Коваленко", "kovalenko"],
  ["Лебедин", "lebedyn"],
  ["Леонід", "leonid"],
  ["Миколаїв", "mykolaiv"],
  ["Маринич", "marynych"],
  ["Ніжин", "nizhyn"],
  ["Наталія", "nataliia"],
  ["Одеса", "odesa"],
  ["Онищенко", "onyshchenko"],
  ["Полтава", "poltava"],
  ["Петро", "petro"],
  ["Решетилівка", "reshetylivka"],
  ["Рибчинський", "rybchynskyi"],
  ["Суми", "sumy"],
  ["Соломія", "solomiia"],
  ["Тернопіль", "ternopil"],
  ["Троць", "trots"],
  ["Ужгород", "uzhhorod"],
  ["Уляна", "uliana"],
  ["Фастів", "fastiv"],
  ["Філіпчук", "filipchuk"],
  ["Харків", "kharkiv"],
  ["Христина", "khrystyna"],
  ["Біла Церква", "bila-tserkva"],
  ["Стеценко", "stetsenko"],
  ["Чернівці", "chernivtsi"],
  ["Шевченко", "shevchenko"],
  ["Шостка", "shostka"],
  ["Кишеньки", "kyshenky"],
  ["Щербухи", "shcherbukhy"],
  ["Гоща", "hoshcha"],
  ["Гаращенко", "harashchenko"],
  ["Юрій", "yurii"],
  ["Корюківка", "koriukivka"],
  ["Яготин", "yahotyn"],
  ["Ярошенко", "yaroshenko"],
  ["Костянтин", "kostiantyn"],
  ["Знам’янка", "znamianka"],
  ["Феодосія", "feodosiia"],
  ["Згорани", "zghorany"],
  ["Розгон", "rozghon"],
];

describe("slugify, Ukrainian (KMU 2010)", () => {
  it.each(KMU_2010_EXAMPLES)("%s -> %s", (word, slug) => {
    expect(slugify(word, "uk")).toBe(slug);
  });

  it("treats a letter as word-initial after any non-letter, not only a space", () => {
    expect(slugify("Ялинка", "uk")).toBe("yalynka");
    expect(slugify("М’ясо та «ялинки»", "uk")).toBe("miaso-ta-yalynky");
    expect(slugify("(Ялта)", "uk")).toBe("yalta");
    expect(slugify("Північ-Юг", "uk")).toBe("pivnich-yuh");
    expect(slugify("місто\u00a0Яготин", "uk")).toBe("misto-yahotyn");
    expect(slugify("Київ, Зеленський і Щастя", "uk")).toBe("kyiv-zelenskyi-i-shchastia");
  });

  it("writes an apostrophe as nothing and reads on inside the word (Мар'їне, Знам'янка)", () => {
    expect(slugify("Мар'їне", "uk")).toBe("marine");
    expect(slugify("Знамʼянка", "uk")).toBe("znamianka");
  });
});

describe("slugify, Russian (ICAO Doc 9303)", () => {
  it.each([
    ["Белый дом: Россия и Китай", "belyi-dom-rossiia-i-kitai"],
    ["Юрий Ёлкин", "iurii-elkin"],
    ["Объявление", "obieiavlenie"],
    ["Щёлково, Хабаровск, Царицыно", "shchelkovo-khabarovsk-tsaritsyno"],
    ["Эхо Москвы", "ekho-moskvy"],
    ["Подъезд", "podieezd"],
  ])("%s -> %s", (title, slug) => {
    expect(slugify(title, "ru")).toBe(slug);
  });
});

describe("slugify, English and length", () => {
  it("keeps English words", () => {
    expect(slugify('United States insists on "further actions"', "en")).toBe(
      "united-states-insists-on-further-actions",
    );
  });

  it("drops an apostrophe inside a word instead of splitting the word (' and ’)", () => {
    expect(slugify("Ukraine's border guard says", "en")).toBe("ukraines-border-guard-says");
    expect(slugify("Ukraine’s allies don’t wait", "en")).toBe("ukraines-allies-dont-wait");
    // Quotes around words are not inside one: they still part words.
    expect(slugify("The 'ghost' fleet", "en")).toBe("the-ghost-fleet");
    expect(slugify("Мер Нью-Йорка о 'Ukraine's' саммите", "ru")).toBe(
      "mer-niu-iorka-o-ukraines-sammite",
    );
  });

  it("bounds the length at a word boundary and always yields a valid slug", () => {
    const slug = slugify("Дуже довгий заголовок ".repeat(10), "uk");
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(`${slug}-`).toMatch(/^(?:(?:duzhe|dovhyi|zaholovok)-)+$/);
  });

  it("does not end a shortened slug on a conjunction or preposition", () => {
    expect(
      slugify(
        "США наполягають на «подальших діях» у відповідь на провокації Росії та Північної Кореї",
        "uk",
      ),
    ).toBe("ssha-napoliahaiut-na-podalshykh-diiakh-u-vidpovid-na-provokatsii-rosii");
    expect(
      slugify(
        "Київський стартап встановив сонячні лавки, які заряджають телефони й вимірюють якість повітря",
        "uk",
      ),
    ).toBe("kyivskyi-startap-vstanovyv-soniachni-lavky-yaki-zariadzhaiut-telefony");
    expect(
      slugify(
        "Японские и украинские инженеры разработают совместные рекомендации по восстановлению школ",
        "ru",
      ),
    ).toBe("iaponskie-i-ukrainskie-inzhenery-razrabotaiut-sovmestnye-rekomendatsii");
    expect(
      slugify(
        "Kyiv startup installs solar benches that charge phones and measure air quality",
        "en",
      ),
    ).toBe("kyiv-startup-installs-solar-benches-that-charge-phones-and-measure-air-quality");
  });

  it("cuts a single word longer than the limit", () => {
    expect(slugify("a".repeat(100), "en")).toBe("a".repeat(MAX_SLUG_LENGTH));
  });
});
