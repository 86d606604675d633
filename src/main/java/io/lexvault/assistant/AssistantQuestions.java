package io.lexvault.assistant;

import io.lexvault.access.Callers;
import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Permission;
import io.lexvault.assistant.AssistantRefusedException.Kind;
import io.lexvault.assistant.answers.AnswerRendering;
import io.lexvault.assistant.answers.CitationCheck;
import io.lexvault.assistant.answers.ExtractiveAnswerer;
import io.lexvault.assistant.answers.PromptTemplate;
import io.lexvault.assistant.answers.RestoringStream;
import io.lexvault.assistant.guard.InjectionGuard;
import io.lexvault.assistant.guard.InjectionVerdict;
import io.lexvault.assistant.providers.AssistantPolicy;
import io.lexvault.assistant.providers.BudgetSpentException;
import io.lexvault.assistant.providers.LanguageModel;
import io.lexvault.assistant.providers.ModelAnswer;
import io.lexvault.assistant.providers.PolicyDecision;
import io.lexvault.assistant.providers.ProviderUnavailableException;
import io.lexvault.assistant.providers.TokenBudgets;
import io.lexvault.assistant.pseudonyms.KnownName;
import io.lexvault.assistant.pseudonyms.MatterNames;
import io.lexvault.assistant.pseudonyms.Pseudonymiser;
import io.lexvault.assistant.receipts.AnswerReceipts;
import io.lexvault.assistant.receipts.ReceiptContent;
import io.lexvault.assistant.receipts.ReceiptPassage;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.Authorities;
import io.lexvault.matters.MatterId;
import io.lexvault.search.DocumentSearch;
import io.lexvault.search.MatterPassage;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import io.lexvault.web.Refusal.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The assistant's pipeline: one question about one matter, answered only from that matter's passages
 * that the asker may see, in this order (docs/security.md, "AI assistant"):
 *
 * <ol>
 *   <li>{@code assistant.use} and the matter visible to the asker (else 404, like every matter route);
 *   <li>the question checked: not blank, at most {@value #MAX_QUESTION} characters, no control or
 *       invisible characters (the one checker for human text);
 *   <li>the policy (firm, client, user; the strictest wins) decides whether and with what to answer;
 *       no model means the offline extractive answerer;
 *   <li>for a model, the token budget;
 *   <li>the question inspected for prompt injection (refused with the reason);
 *   <li>at most {@value #PASSAGES} passages retrieved through the search module's walled path (the
 *       matter read as the asker, every hit re-read from PostgreSQL as the asker);
 *   <li>each passage inspected; a flagged one is withheld (shown as withheld, never sent);
 *   <li>for a model outside this server, the question and passages pseudonymised (refused when no
 *       pseudonymiser is installed: nothing identifying leaves unpseudonymised);
 *   <li>the prompt (template {@link PromptTemplate#VERSION}) within the model's window;
 *   <li>the answer streamed, placeholders restored for the asker;
 *   <li>every citation and quotation checked against the passages given;
 *   <li>Markdown rendered and sanitised;
 *   <li>tokens recorded, a signed receipt issued and an audit event written in one transaction (ids and
 *       counts only, never the question or the answer);
 *   <li>the AI disclaimer on the answer.
 * </ol>
 *
 * <p>The other parts arrive as beans when installed ({@link ObjectProvider}): without a policy the
 * offline answerer answers; without budgets nothing is counted; without receipts there is no receipt
 * id. Nothing here logs or stores the question, a passage or the answer.
 */
@Service
public class AssistantQuestions {

    public static final int MAX_QUESTION = 8_000;
    public static final int PASSAGES = 20;

    /** The offline answerer's "template": its receipts say which extractive method chose the quotations. */
    public static final String EXTRACTIVE_TEMPLATE = "extracts-v1";

    static final String NO_POLICY_RULE = "No assistant policy is configured: the built-in offline answerer answers.";

    private final DocumentSearch search;
    private final MatterDirectory directory;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExtractiveAnswerer extractive;
    private final ObjectProvider<AssistantPolicy> policy;
    private final ObjectProvider<TokenBudgets> budgets;
    private final ObjectProvider<InjectionGuard> guard;
    private final ObjectProvider<Pseudonymiser> pseudonymiser;
    private final ObjectProvider<AnswerReceipts> receipts;
    private final MatterNames matterNames;

    AssistantQuestions(
            DocumentSearch search,
            MatterDirectory directory,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions,
            Clock clock,
            ExtractiveAnswerer extractive,
            ObjectProvider<AssistantPolicy> policy,
            ObjectProvider<TokenBudgets> budgets,
            ObjectProvider<InjectionGuard> guard,
            ObjectProvider<Pseudonymiser> pseudonymiser,
            ObjectProvider<AnswerReceipts> receipts,
            MatterNames matterNames) {
        this.search = search;
        this.directory = directory;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.extractive = extractive;
        this.policy = policy;
        this.budgets = budgets;
        this.guard = guard;
        this.pseudonymiser = pseudonymiser;
        this.receipts = receipts;
        this.matterNames = matterNames;
    }

    /**
     * Answers {@code question} about the matter, streaming the answer's text to {@code deltas} as it comes.
     *
     * @throws MatterNotVisibleException (404) for a matter the asker may not see
     * @throws AssistantRefusedException for a bad question (400), a policy that says no or a question
     *     flagged as an injection (403), a spent budget (429), or a provider that cannot answer now (503)
     */
    public AssistantAnswer ask(UUID matterId, String question, Consumer<String> deltas) {
        // (1) Permission and visibility, before anything else is read.
        if (!callers.holds(Permission.ASSISTANT_USE)) {
            throw new AssistantRefusedException(
                    Kind.POLICY, Reason.FORBIDDEN, "You do not have permission to use the assistant.");
        }
        MatterRef matter = directory.visibleMatter(matterId).orElseThrow(MatterNotVisibleException::new);
        // (2)
        String asked = checkedQuestion(question);
        // (3)
        AssistantPolicy policies = policy.getIfAvailable();
        PolicyDecision decision =
                policies == null ? new PolicyDecision(true, null, NO_POLICY_RULE) : policies.decide(matterId);
        if (!decision.allowed()) {
            throw refused(matter, Kind.POLICY, Reason.FORBIDDEN, decision.rule(), Map.of());
        }
        LanguageModel model = decision.model();
        // (4)
        TokenBudgets budget = model == null ? null : budgets.getIfAvailable();
        if (budget != null) {
            try {
                budget.checkAvailable();
            } catch (BudgetSpentException e) {
                throw refused(matter, Kind.BUDGET, Reason.TOO_MANY, e.getMessage(), Map.of());
            }
        }
        // (5) A model must never see text nobody inspected; the offline answerer sends nothing anywhere.
        InjectionGuard inspector = guard.getIfAvailable();
        if (inspector == null && model != null) {
            throw refused(
                    matter,
                    Kind.NO_DETECTOR,
                    Reason.CONFLICT,
                    "The assistant cannot use a language model here: no prompt-injection detector is installed.",
                    Map.of());
        }
        if (inspector != null) {
            InjectionVerdict verdict = inspector.inspectQuestion(asked);
            if (verdict.flagged()) {
                throw refused(
                        matter,
                        Kind.INJECTION,
                        Reason.FORBIDDEN,
                        "The question was refused: it " + verdict.reason() + ".",
                        Map.of("classes", classes(verdict)));
            }
        }
        // (6) This matter only, through search's walled path.
        List<MatterPassage> found = search.passagesFor(matterId, asked, PASSAGES);
        // (7) Each passage's text and header (a title can carry an injection too); the text's verdict
        // from indexing where the same detector gave one.
        var kept = new ArrayList<MatterPassage>();
        var withheld = new ArrayList<AssistantAnswer.Withheld>();
        List<InjectionVerdict> verdicts = inspector == null ? List.of() : inspector.inspectPassages(found);
        for (int i = 0; i < found.size(); i++) {
            MatterPassage passage = found.get(i);
            InjectionVerdict verdict = inspector == null ? null : verdicts.get(i);
            if (verdict != null && verdict.flagged()) {
                withheld.add(new AssistantAnswer.Withheld(
                        passage.chunkId(),
                        passage.documentId(),
                        passage.documentTitle(),
                        passage.page(),
                        "The passage " + verdict.reason() + "."));
            } else {
                kept.add(passage);
            }
        }
        // (8)-(10)
        Produced produced = model == null ? offline(asked, kept, deltas) : byModel(model, matter, asked, kept, deltas);
        List<MatterPassage> sent = produced.sent();
        // (11)-(12)
        var texts = new HashMap<Integer, String>();
        for (int i = 0; i < sent.size(); i++) {
            texts.put(i + 1, sent.get(i).text());
        }
        var rendered = AnswerRendering.render(
                produced.answer().text(),
                texts,
                n -> n >= 1 && n <= sent.size()
                        ? passageLink(matterId, sent.get(n - 1).chunkId())
                        : null);
        var citations = citations(matterId, sent, rendered.verification());
        // (13)
        ModelAnswer answer = produced.answer();
        if (budget != null) {
            budget.record(answer.promptTokens(), answer.answerTokens());
        }
        String template = model == null ? EXTRACTIVE_TEMPLATE : PromptTemplate.VERSION;
        String region = model == null ? "local" : model.region();
        UUID receiptId = transactions.execute(status -> {
            AnswerReceipts issuer = receipts.getIfAvailable();
            UUID id = null;
            if (issuer != null) {
                id = issuer.issue(new ReceiptContent(
                                matterId,
                                callers.actingUser().orElseThrow().value(),
                                askerRoles(),
                                sent.stream()
                                        .map(AssistantQuestions::receiptPassage)
                                        .toList(),
                                answer.provider(),
                                answer.model(),
                                template,
                                answer.promptTokens(),
                                answer.answerTokens(),
                                clock.instant()))
                        .id();
            }
            var details = new LinkedHashMap<String, String>();
            details.put("provider", answer.provider());
            details.put("model", answer.model());
            details.put("region", region);
            details.put("template", template);
            details.put("prompt_tokens", String.valueOf(answer.promptTokens()));
            details.put("answer_tokens", String.valueOf(answer.answerTokens()));
            details.put(
                    "passages", ids(sent.stream().map(MatterPassage::chunkId).toList()));
            details.put(
                    "withheld",
                    ids(withheld.stream().map(AssistantAnswer.Withheld::chunkId).toList()));
            details.put(
                    "unverified_sentences",
                    String.valueOf(rendered.verification().unverified()));
            if (id != null) {
                details.put("receipt", id.toString());
            }
            audit.succeededInTransaction(
                    callers.actor(),
                    AuditAction.ASSISTANT_ASKED,
                    "matter",
                    matterId,
                    matterId,
                    matter.client(),
                    details);
            return id;
        });
        // (14)
        return new AssistantAnswer(
                matterId,
                rendered.html(),
                answer.text(),
                model == null,
                answer.provider(),
                answer.model(),
                region,
                template,
                decision.rule(),
                citations,
                withheld,
                rendered.verification().unverified(),
                answer.promptTokens(),
                answer.answerTokens(),
                receiptId,
                AssistantAnswer.DISCLAIMER);
    }

    /**
     * One passage of the matter for its citation's link, read as the asker through search's walled path;
     * empty (a 404) when the asker may not see it or it is another matter's.
     */
    public Optional<MatterPassage> passage(UUID matterId, UUID chunkId) {
        if (!callers.holds(Permission.ASSISTANT_USE)) {
            return Optional.empty();
        }
        return search.passage(matterId, chunkId);
    }

    /** What answered, and the passages it was given (numbered [1].. in this order). */
    private record Produced(ModelAnswer answer, List<MatterPassage> sent) {}

    private Produced offline(String question, List<MatterPassage> passages, Consumer<String> deltas) {
        var numbered = new ArrayList<ExtractiveAnswerer.Numbered>();
        for (int i = 0; i < passages.size(); i++) {
            numbered.add(new ExtractiveAnswerer.Numbered(i + 1, passages.get(i).text()));
        }
        return new Produced(extractive.answer(question, numbered, deltas), passages);
    }

    private Produced byModel(
            LanguageModel model,
            MatterRef matter,
            String question,
            List<MatterPassage> passages,
            Consumer<String> deltas) {
        UnaryOperator<String> outbound = UnaryOperator.identity();
        UnaryOperator<String> restore = UnaryOperator.identity();
        if (model.external()) {
            Pseudonymiser pseudonymising = pseudonymiser.getIfAvailable();
            if (pseudonymising == null) {
                throw refused(
                        matter,
                        Kind.NO_PSEUDONYMISER,
                        Reason.CONFLICT,
                        "The assistant cannot use an external model here: no pseudonymiser is installed, and"
                                + " nothing identifying may leave unpseudonymised.",
                        Map.of());
            }
            var session = pseudonymising.session(namesOf(matter));
            outbound = text -> session.pseudonymise(text).text();
            restore = session::restore;
        }
        String sentQuestion = outbound.apply(question);
        var sentPassages = new ArrayList<String>();
        for (MatterPassage p : passages) {
            sentPassages.add(outbound.apply(
                    PromptTemplate.passageHeader(p.documentTitle(), p.page(), p.headingPath()) + "\n" + p.text()));
        }
        var built = PromptTemplate.build(
                sentQuestion, sentPassages, PromptTemplate.DEFAULT_WINDOW_TOKENS, PromptTemplate.ANSWER_TOKENS);
        var stream = new RestoringStream(restore, deltas);
        ModelAnswer raw;
        try {
            raw = model.answer(built.prompt(), stream);
        } catch (ProviderUnavailableException e) {
            // The provider's message names the provider and its state, never the prompt.
            throw refused(matter, Kind.PROVIDER_UNAVAILABLE, Reason.UNAVAILABLE, e.getMessage(), Map.of());
        }
        stream.finish();
        var answer = new ModelAnswer(
                restore.apply(raw.text()), raw.provider(), raw.model(), raw.promptTokens(), raw.answerTokens());
        return new Produced(answer, List.copyOf(passages.subList(0, built.included())));
    }

    /**
     * The names the database knows for the matter (its client, parties and the people on its team), read
     * as the asker, for the pseudonymiser's session.
     */
    private List<KnownName> namesOf(MatterRef matter) {
        return matterNames.of(new MatterId(matter.id()));
    }

    private static List<AssistantAnswer.Citation> citations(
            UUID matterId, List<MatterPassage> sent, CitationCheck.Verification verification) {
        var cited = verification.citedNumbers();
        var doubted = new TreeSet<Integer>();
        verification.sentences().stream()
                .filter(s -> s.status() == CitationCheck.Status.UNVERIFIED)
                .forEach(s -> s.citations().forEach(c -> doubted.addAll(c.numbers())));
        var citations = new ArrayList<AssistantAnswer.Citation>();
        for (int i = 0; i < sent.size(); i++) {
            int n = i + 1;
            var p = sent.get(i);
            citations.add(new AssistantAnswer.Citation(
                    n,
                    p.chunkId(),
                    p.documentId(),
                    p.version(),
                    p.documentTitle(),
                    p.page(),
                    p.headingPath(),
                    cited.contains(n),
                    cited.contains(n) && !doubted.contains(n),
                    passageLink(matterId, p.chunkId()),
                    documentLink(p)));
        }
        return citations;
    }

    public static String passageLink(UUID matterId, UUID chunkId) {
        return "/matters/" + matterId + "/assistant/passages/" + chunkId;
    }

    /** The stored version's content; a PDF opens at the passage's page (the viewer's #page= fragment). */
    public static String documentLink(MatterPassage passage) {
        String link = "/api/v1/documents/" + passage.documentId() + "/versions/" + passage.version() + "/content";
        return passage.page() != null && "application/pdf".equals(passage.mediaType())
                ? link + "#page=" + passage.page()
                : link;
    }

    private static ReceiptPassage receiptPassage(MatterPassage p) {
        return new ReceiptPassage(p.documentId(), p.version(), p.chunkId(), sha256(p.text()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static List<String> askerRoles() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return List.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(Authorities.ROLE_PREFIX))
                .map(a -> a.substring(Authorities.ROLE_PREFIX.length()))
                .sorted()
                .toList();
    }

    private static String checkedQuestion(@Nullable String question) {
        try {
            return HumanText.lines("question", question, MAX_QUESTION);
        } catch (InvalidTextException e) {
            // The checker's sentence names the field and the rule, never the text.
            throw new AssistantRefusedException(Kind.INVALID_QUESTION, Reason.INVALID, e.getMessage());
        }
    }

    /** Refuses and records the refusal (its kind, never the question). */
    private AssistantRefusedException refused(
            MatterRef matter, Kind kind, Reason reason, String sentence, Map<String, String> extra) {
        var details = new LinkedHashMap<String, String>();
        details.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        details.putAll(extra);
        audit.deniedOn(AuditAction.ASSISTANT_REFUSED, "matter", matter.id(), matter.id(), matter.client(), details);
        return new AssistantRefusedException(kind, reason, sentence);
    }

    private static String classes(InjectionVerdict verdict) {
        return verdict.classes().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
