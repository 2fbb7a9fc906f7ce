/**
 * A light Ukrainian stemmer: strips one inflectional ending of a noun or adjective, so the
 * cases and numbers of a word share a stem («провокація», «провокації», «провокацією» →
 * «провокац»; «боєприпас», «боєприпаси», «боєприпасів», «боєприпасами» → «боєприпас»).
 *
 * Why not a library: the only maintained Ukrainian stemmer on npm that runs in a Worker
 * (@orama/stemmers' port of the Ukrainian "ukrstemmer") takes «-си» for the reflexive «-ся»
 * («боєприпаси» → «боєприп») and leaves «провокації» and «провокацією» on stems of their own,
 * which is exactly what readers search for. Lemmatizers need dictionaries of megabytes.
 *
 * What it leaves alone: verb endings (past «-ла/-ли», infinitive «-ти», present «-ть») end
 * too many noun stems («школа», «роботи», «область») to be stripped without a dictionary, and
 * stem alternations («рік»/«року», «ніч»/«ночі») stay apart. Prefix matching on the last word
 * typed covers part of that. Input is a word already folded by search/words.ts (lowercase).
 */

/** Every ending it strips; the longest one that leaves a stem of MIN_STEM letters wins. */
const ENDINGS = [
  // -ія nouns (провокація): singular and plural cases, vocative.
  "іями ією іям іях ія ії ію іє ій",
  // Adjectives and pronominal forms.
  "ього ьому ого ому ими іми ьої ьою ий им ім их іх ої їй",
  // Noun cases, hard and soft stems.
  "ами ями ові еві єві ам ям ах ях ів їв ей ом ем єм ою ею єю",
  // Reflexive verbs: the one verb ending that no noun stem ends in.
  "ся сь",
  "а я о е є у ю и і ї ь й",
]
  .flatMap((group) => group.split(" "))
  .sort((a, b) => b.length - a.length);

/** Shorter stems are mostly whole short words («сил», «рук»), which must not lose more. */
const MIN_STEM = 3;

export function stemUkrainian(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}
