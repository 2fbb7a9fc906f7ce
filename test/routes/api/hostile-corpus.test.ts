import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../helpers/api";
import {
  expectFeedsRender,
  expectRefusedCleanly,
  expectStoryOutputsRender,
  prepareOutputs,
  type StoryJson,
  TEST_CATEGORY,
} from "../../helpers/outputs";
import { loadSeedStories, rowCounts } from "../../helpers/seeds";

/**
 * Hostile input through every output format: OWASP XSS filter-evasion payloads, CDATA and
 * comment terminators, bidi controls, characters XML cannot hold, broken URLs. Each is sent in
 * every text field of a story at once, then in the body alone, then in the short fields alone.
 * What the API accepts must render in every feed, page and ninjs document, well-formed and with
 * nothing executable; what it refuses must be a clean problem+json that changed nothing.
 */
const XSS = [
  "<script>alert(1)</script>",
  '"><script>alert(1)</script>',
  "'';!--\"<XSS>=&{()}",
  "<scr<script>ipt>alert(1)</script>",
  "<IMG SRC=javascript:alert('XSS')>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav\tascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
  "<iframe src=http://xss.rocks/scriptlet.html <",
  '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
  "<svg/onload=alert('XSS')>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  '<a href="javas&#99;ript:alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
  "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
  "<BASE HREF=\"javascript:alert('XSS');//\">",
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
  "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
  '<XSS STYLE="behavior: url(xss.htc);">',
  '<p>Intro <a href="https://evil.example/phish">click',
  "<table><tr><td>cell",
  "<template><script>alert(1)</script></template><p>after</p>",
  "<textarea><script>alert(1)</script></textarea>",
];

const XML_BREAKERS = [
  "]]>",
  "<![CDATA[ x ]]> ]]> ]]]]><![CDATA[>",
  "<!-- -- --> -->",
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>&xxe;',
  "&amp; &lt; &#0; &#xD800; &#x1F600; &bogus; &",
  "\u0000 NUL",
  "\u0008 backspace \u000b vertical tab \u000c form feed",
  "\u0085 NEL \u009f",
  "\ud800 lone high \udc00 lone low",
  "\ufffe \uffff",
  "\u2028 line separator \u2029 paragraph separator",
  '{"json": "injection"}\\", "x": "',
  "</script><script>alert(1)</script>",
];

const BIDI = [
  "abc \u202e gnp.exe",
  "\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
  "\u202a\u202b\u202c\u202d",
  "mark \u200f \u200e \u061c",
  "שלום \u202d override",
];

const URLS = [
  "https://[bad/x.jpg",
  "//evil.example/x.png",
  "/\\evil.example/x.png",
  "https:\\\\evil.example\\x.png",
  "javascript:alert(1)",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "https://exa mple.com/x.jpg",
  'https://example.com/x.jpg"><script>alert(1)</script>',
  "https://example.com/]]>.jpg",
  "https://user:pw@example.com/x.jpg",
  "https://xn--.com/x.jpg",
  "https://example.com:99999/x.jpg",
  "/%zz/x.jpg",
  "/images/ok.jpg?<script>",
  "https://ex\u202eample.com/x.jpg",
];

const CORPUS = [...XSS, ...XML_BREAKERS, ...BIDI, ...URLS];

let key: string;
const accepted: StoryJson[] = [];
let next = 0;

/** Creates and publishes one story from these English fields, or proves its refusal clean. */
async function attempt(fields: {
  title?: string;
  summary?: string;
  body?: string;
  imageCaption?: string;
  credit?: string;
  /** The variant's own photo credit and alt text. */
  imageCredit?: string;
  imageAlt?: string;
  url?: string;
}): Promise<void> {
  const id = `hostile-${next++}`;
  const payload = {
    id,
    categoryId: TEST_CATEGORY,
    authorIds: ["hostile-author"],
    image: { url: fields.url ?? "/images/ok.jpg", credit: fields.credit ?? "Photo" },
    variants: [
      {
        lang: "en",
        title: fields.title ?? `Story ${id}`,
        summary: fields.summary ?? "Summary",
        body: fields.body ?? "<p>Body</p>",
        imageCaption: fields.imageCaption ?? "Caption",
        ...(fields.imageCredit !== undefined && { imageCredit: fields.imageCredit }),
        ...(fields.imageAlt !== undefined && { imageAlt: fields.imageAlt }),
      },
    ],
  };
  const before = await rowCounts();
  const created = await api("POST", "/stories", payload);
  if (created.status !== 201) {
    await expectRefusedCleanly(created, before);
    return;
  }
  const published = await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' });
  expect(published.status).toBe(200);
  accepted.push((await published.json()) as StoryJson);
}

describe("the hostile-input corpus through every output format", () => {
  beforeAll(async () => {
    await loadSeedStories();
    key = await prepareOutputs();
    // The category and an author carry hostile names too, where the API takes them.
    const author = await api("POST", "/authors", {
      slug: "hostile-author",
      names: { en: "<script>alert(1)</script> ]]> Author", uk: "Автор &amp; <b>", ru: "Автор" },
    });
    expect(author.status).toBe(201);
    const rename = await api("PATCH", `/categories/${TEST_CATEGORY}`, {
      names: { en: "Cat <script>alert(1)</script> ]]>", uk: "Кат <![CDATA[", ru: "Кат &lt;" },
    });
    expect(rename.status).toBe(200);
  });

  it.each(CORPUS.map((payload) => [JSON.stringify(payload).slice(0, 60), payload]))(
    "stores %s safely or refuses it cleanly",
    async (_label, payload) => {
      const everywhere = {
        title: `T ${payload}`,
        summary: payload,
        body: payload,
        imageCaption: payload,
        credit: payload,
        imageCredit: payload,
        imageAlt: payload,
        url: payload,
      };
      await attempt(everywhere);
      await attempt({ body: `<p>${payload}</p>${payload}` });
      await attempt({
        title: `T ${payload}`,
        summary: payload,
        imageCaption: payload,
        credit: payload,
      });
      await attempt({ imageCredit: payload, imageAlt: `Alt ${payload}` });
      await attempt({ url: payload });
    },
  );

  it("renders every page, ninjs document and feed the accepted stories are in", async () => {
    // The corpus must reach the outputs, not only the validator.
    expect(accepted.length).toBeGreaterThan(CORPUS.length);
    for (const story of accepted) await expectStoryOutputsRender(story, key);
    await expectFeedsRender(["en"], ["hostile-author"], key);
    // Every output of about 70 stories: seconds on a busy machine, more than the default 5.
  }, 60_000);
});
