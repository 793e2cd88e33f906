package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /api/manager/spam/review/restore, the Spam Review page's "Restore": what both restores do
 * (SpamRestoreBehaviour), the page's whitelist ignored, and with disablePhrases the matched rules
 * disabled in the same statement.
 */
@QuarkusTest
class ReviewRestoreResourceTest extends SpamRestoreBehaviour {

    /** Raw messages whose phrases name the rules in {@link #rules}, each form previewMatches takes. */
    private static final String PHRASES =
            "{\"ids\": [\"p-acme-array\", \"p-globex-string\", \"p-acme-null\", \"p-empty\"], \"disablePhrases\": true}";

    @Override
    String path() {
        return "/api/manager/spam/review/restore";
    }

    private static void rules() {
        try (Fixtures db = Fixtures.connect()) {
            db.raw("p-acme-array")
                    .status("SPAM_REVIEW")
                    .brand("Acme")
                    .previewMatches("[\"  Free   GIFT card \", \"win big\", \"   \", 7, null]")
                    .insert()
                    .raw("p-globex-string")
                    .status("SPAM_REVIEW")
                    .brand("Globex")
                    .previewMatches("\"Claim\\tPrize\"")
                    .insert()
                    .raw("p-acme-null")
                    .status("SPAM_REVIEW")
                    .brand("Acme")
                    .insert()
                    .raw("p-empty")
                    .status("SPAM_REVIEW")
                    .previewMatches("[]")
                    .insert()
                    .raw("p-not-named")
                    .status("SPAM_REVIEW")
                    .previewMatches("[\"crypto deal\"]")
                    .insert()
                    // disabled: a global rule for any row's phrase (in every mode), a brand's rule for its rows'
                    .spamRule("global-gift", "free gift card", null)
                    .spamRule("global-gift-lone", "free gift card", "LONE", null, true)
                    .spamRule("acme-win", "win big", "Acme")
                    .spamRule("globex-prize", "claim prize", "Globex")
                    // kept: another brand's rows had the phrase, no named row had it, already disabled,
                    // an empty pattern that only a blank phrase would match
                    .spamRule("globex-win", "win big", "Globex")
                    .spamRule("acme-prize", "claim prize", "Acme")
                    .spamRule("global-crypto", "crypto deal", null)
                    .spamRule("initech-gift-off", "free gift card", "CONTAINS", "Initech", false)
                    .spamRule("global-empty", "", "REGEX", null, true);
        }
    }

    @Test
    void disablePhrasesDisablesTheEnabledRulesThatMatchedInTheSameStatement() {
        rules();
        restore(PHRASES)
                .statusCode(200)
                .body("success", equalTo(true))
                .body("restored", equalTo(4))
                .body("tasksRestored", equalTo(0))
                .body("rulesDisabled", equalTo(4));
        LocalDateTime utcNow = LocalDateTime.now(ZoneOffset.UTC);
        try (Fixtures db = Fixtures.connect()) {
            List<Map<String, Object>> rules =
                    db.rows("SELECT \"id\", \"enabled\", \"updatedAt\" FROM \"SpamRule\" ORDER BY \"id\"");
            Map<String, Boolean> enabled = new java.util.TreeMap<>();
            rules.forEach(rule -> enabled.put((String) rule.get("id"), (Boolean) rule.get("enabled")));
            assertEquals(
                    Map.of(
                            "acme-prize", true,
                            "acme-win", false,
                            "global-crypto", true,
                            "global-empty", true,
                            "global-gift", false,
                            "global-gift-lone", false,
                            "globex-prize", false,
                            "globex-win", true,
                            "initech-gift-off", false),
                    enabled);
            for (Map<String, Object> rule : rules) {
                LocalDateTime updated = ((java.sql.Timestamp) rule.get("updatedAt")).toLocalDateTime();
                if (List.of("acme-win", "global-gift", "global-gift-lone", "globex-prize")
                        .contains(rule.get("id"))) {
                    assertTrue(Duration.between(updated, utcNow).abs().toSeconds() < 60, rule.toString());
                } else {
                    assertEquals(Fixtures.EPOCH, updated, rule.get("id") + " untouched");
                }
            }
            assertEquals("[\"crypto deal\"]", previewMatches(db, "p-not-named"));
            assertEquals("\"Claim\\tPrize\"", previewMatches(db, "p-globex-string"), "the phrases stay");
        }
    }

    @Test
    void withoutDisablePhrasesNoRuleChangesAndTheAnswerHasNoRuleCount() {
        rules();
        String rulesBefore;
        try (Fixtures db = Fixtures.connect()) {
            rulesBefore = db.rows("SELECT * FROM \"SpamRule\" ORDER BY \"id\"").toString();
        }
        restore(PHRASES.replace("true", "false"))
                .statusCode(200)
                .body("restored", equalTo(4))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("rulesDisabled")));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(
                    rulesBefore,
                    db.rows("SELECT * FROM \"SpamRule\" ORDER BY \"id\"").toString());
        }
    }

    @Test
    void repeatingDisablePhrasesDisablesNothingMore() {
        rules();
        restore(PHRASES).statusCode(200).body("rulesDisabled", equalTo(4));
        restore(PHRASES).statusCode(200).body("restored", equalTo(0)).body("rulesDisabled", equalTo(0));
    }

    /** The page sends {@code {ids: [one id], whitelist: [its matched phrases] or []}}; the app ignores whitelist. */
    @Test
    void thePagesWhitelistIsAcceptedAndIgnored() {
        restore("{\"ids\": [\"s-with-tasks\"], \"whitelist\": [\"free gift\"]}")
                .statusCode(200)
                .body("restored", equalTo(1))
                .body("tasksRestored", equalTo(2));
        restore("{\"ids\": [\"s-no-task\"], \"whitelist\": []}").statusCode(200).body("restored", equalTo(1));
        restore("{\"ids\": [\"s-done-task\"], \"whitelist\": \"anything at all\"}")
                .statusCode(200)
                .body("restored", equalTo(1));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("[\"free gift\"]", previewMatches(db, "s-with-tasks"), "previewMatches stay here");
            assertEquals(0, db.count("SELECT count(*) FROM \"SpamRule\""), "no rule is created");
        }
    }

    @Test
    void disablePhrasesThatIsNotABooleanIsRefused() {
        restore("{\"ids\": [\"s-with-tasks\"], \"disablePhrases\": \"true\"}")
                .statusCode(400)
                .body("error", equalTo("\"disablePhrases\" must be true or false, not string"));
    }
}
