package io.lexvault.assistant.guard;

import static io.lexvault.assistant.guard.InjectionClass.DATA_EXFILTRATION;
import static io.lexvault.assistant.guard.InjectionClass.INSTRUCTION_OVERRIDE;
import static io.lexvault.assistant.guard.InjectionClass.ROLE_IMPERSONATION;
import static io.lexvault.assistant.guard.InjectionClass.TOOL_HIJACKING;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern rules: English and ten other languages' phrasings of the common attacks, matched on the
 * folded text ({@link GuardText}: compatibility forms, invisible characters, look-alike letters and
 * accents removed, lower case). A rule in another language adds {@link InjectionClass#MULTILINGUAL} to
 * its own class; a rule that matches only after folding, or only inside a base64, hex, rot13, leet or
 * spaced-out copy of the text, adds {@link InjectionClass#OBFUSCATION}.
 *
 * <p>Patterns are deliberately anchored on the attack's verb AND its object ("ignore ... previous
 * instructions", "send ... the conversation to ..."), because legal text is full of the single words
 * ("the parties shall disregard", "notices shall be sent to legal@..."). The benign legal question set
 * in the tests keeps them honest.
 */
final class InjectionRules {

    record Rule(InjectionClass kind, String language, Pattern pattern) {}

    private static final String EN = "en";

    private static final List<Rule> RULES = new ArrayList<>();

    // Words shared by several rules (folded: lower case, no accents).
    private static final String PRIOR =
            "(?:all|any|the|your|my|these|those|its|of|previous|prior|above|earlier|preceding|foregoing|former|"
                    + "initial|original|system|existing|current|old|given|every|other|safety|security|content|\\s)*";
    private static final String ORDERS =
            "(?:instructions?|prompts?|rules|directions|directives|guidelines|guidance|commands?|orders|constraints|"
                    + "restrictions|guardrails|policies|programming|context|messages|text|everything|all)";
    private static final String SECRET =
            "(?:system ?prompt|system message|initial (?:prompt|instructions)|original (?:prompt|instructions)|"
                    + "hidden (?:prompt|instructions)|(?:your|the) instructions|(?:your|the|a) prompt|secret|password|"
                    + "api ?key|access token|credentials|confidential (?:data|information)|pre-?prompt)";
    private static final String LEAKED =
            "(?:conversation|chat(?: history| log)?|context|everything(?: above)?|all (?:the )?(?:data|documents|information|"
                    + "files|passages|e-?mails|messages|notes)|the above|this (?:answer|response|summary|chat|conversation)|"
                    + SECRET + "|the user'?s \\w+|client (?:list|data|files|names)|previous messages|"
                    + "(?:the|these|those|all) (?:passages|documents|excerpts|sources))";
    private static final String ADDRESS =
            "(?:[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|https?://\\S+|www\\.\\S+|the following (?:address|url|link|e-?mail|endpoint|server|webhook)"
                    + "|(?:this|that|my|an?) (?:address|url|link|e-?mail address|endpoint|server|webhook))";
    private static final String ROLE =
            "(?:an? |the |my )?(?:ai|assistant|chatbot|bot|language model|model|system|admin|administrator|developer|"
                    + "root|superuser|dan|hacker|unfiltered|unrestricted|uncensored|jailbroken|evil|different|new|free|"
                    + "interviewer|translator|linux terminal|terminal|character|persona)";

    static {
        // --- instruction override ---
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:ignore|disregard|forget|skip|override|overrule|bypass|drop|abandon|neglect|"
                        + "discard|ditch|erase|delete|dismiss|set aside|throw away|pay no attention to|do not follow|don'?t follow|"
                        + "stop following|no longer follow)\\b " + PRIOR + "\\b" + ORDERS + "\\b");
        en(INSTRUCTION_OVERRIDE, "\\bforget (?:about )?(?:everything|all|what)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:new|updated|real|actual|true|revised|overriding) (?:instructions?|task|rules|orders|goal|objective|directive)s?\\s*(?::|are|is)");
        en(
                INSTRUCTION_OVERRIDE,
                "\\byour (?:new|real|actual|only|next) (?:task|job|goal|instructions?|purpose|mission|role) (?:is|are|will be)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:from now on|henceforth|starting now|for the rest of this conversation),? (?:you|ignore|only|always|do not|don'?t|answer|respond|reply|act|say)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:jailbreak|jailbroken|developer mode|dan mode|do anything now|god mode|unrestricted mode)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:without|free of|free from|no longer bound by|not bound by|released from) (?:any |all |your |the )?(?:restrictions|limitations|filters|rules|guidelines|censorship|ethical (?:guidelines|constraints))\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:instead|rather),? (?:you (?:will|must|should)|just|only) (?:say|write|print|output|answer|respond|reply)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:stop|cease|quit) (?:being|acting as) (?:an? |the )?(?:assistant|ai|helpful|legal)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:the|these|those|above|previous|prior) (?:instructions|rules)(?: above| before| given)? (?:are|were|is) (?:void|cancelled|canceled|obsolete|no longer valid|wrong|fake|outdated)\\b");
        en(
                INSTRUCTION_OVERRIDE,
                "\\b(?:now|next),? (?:concentrate|focus) (?:on|only on) (?:your|a|the) new (?:task|assignment)");
        en(
                INSTRUCTION_OVERRIDE,
                "\\bthat'?s (?:done|enough|it)\\b.{0,40}\\b(?:now|next)\\b.{0,40}\\b(?:new|another|different) (?:task|assignment|challenge)");

        // --- role / system impersonation ---
        en(
                ROLE_IMPERSONATION,
                "(?:^|[\\s>\\]\\[(]|\\n)(?:<\\|?(?:system|im_start|im_end|endoftext|assistant|developer)\\|?>|\\[/?(?:system|inst|sys)\\]|<</?sys>>|#{2,} ?(?:system|instruction|developer)|\\{\\{system\\}\\})");
        en(
                ROLE_IMPERSONATION,
                "(?:^|[.!?\\n] ?)(?:system|developer|administrator|admin|assistant|root) ?(?:message|prompt|note|override|instruction)? ?:\\s");
        en(
                ROLE_IMPERSONATION,
                "\\b(?:message|note|instruction|notice|update|order)s? from (?:the |your )?(?:system|developers?|administrators?|admins?|openai|anthropic|mistral|operators?|creators?|it department|security team)\\b");
        en(
                ROLE_IMPERSONATION,
                "\\bi am (?:your|the|an?) (?:developer|administrator|admin|creator|owner|operator|system|programmer|supervisor)\\b");
        en(ROLE_IMPERSONATION, "\\bthis is (?:the|your) (?:system|developer|administrator|admin|creator|operator)\\b");
        en(ROLE_IMPERSONATION, "\\byou are (?:now|no longer|henceforth|from now on) " + ROLE + "\\b");
        en(
                ROLE_IMPERSONATION,
                "\\b(?:you|the assistant|the ai|the model|chatbot) (?:will |must |should |shall )?(?:now )?(?:act|behave|respond|function|operate) as (?:if|though|an? |the )");
        en(
                ROLE_IMPERSONATION,
                "(?:^|[.!?:\\n] ?)(?:please |now |from now on |i want you to |i'd like you to |you will )?(?:act|behave|pose|serve) as (?:an? |the |my )?(?!(?:guarantor|agent|executor|trustee|surety|escrow|arbitrator|mediator|counsel)\\b)\\w+");
        en(ROLE_IMPERSONATION, "\\b(?:pretend|imagine) (?:to be|you are|you're|that you are|that you're|being)\\b");
        en(
                ROLE_IMPERSONATION,
                "\\b(?:roleplay|role-play|role play) (?:as|with)\\b|\\blet'?s (?:play|do) a (?:role ?play|game)\\b");
        en(ROLE_IMPERSONATION, "\\bi want you to (?:act|be|become|play|pretend|respond|answer) (?:as|like)?\\b");

        // --- data exfiltration (links, images, addresses, prompt leaks) ---
        en(DATA_EXFILTRATION, "!\\[[^\\]]*\\]\\(\\s*(?:https?:)?//");
        en(DATA_EXFILTRATION, "<img\\b[^>]*\\bsrc\\s*=");
        en(DATA_EXFILTRATION, "\\]\\(\\s*https?://[^)\\s]*\\?[^)\\s]*=[^)\\s]*\\)");
        en(
                DATA_EXFILTRATION,
                "https?://\\S*(?:\\{|%7b|\\[|<)\\s*\\w*(?:data|secret|prompt|summary|conversation|history|query|chat|context|answer|user|input)\\w*\\s*(?:\\}|%7d|\\]|>)");
        en(
                DATA_EXFILTRATION,
                "\\b(?:send|forward|e-mail|email|mail|post|upload|transmit|leak|exfiltrate|copy|paste|submit|share|report|deliver)\\b (?:me |us )?.{0,30}\\b"
                        + LEAKED + "\\b.{0,50}\\bto\\b (?:me at |us at )?" + ADDRESS);
        en(
                DATA_EXFILTRATION,
                "\\b(?:append|add|attach|encode|include|insert|put)\\b .{0,40}\\b(?:conversation|chat|data|answer|summary|secret|prompt|context|question|user'?s)\\b.{0,40}\\b(?:to|in|into) (?:the|this|a|an) (?:url|link|query string|query parameter|image (?:url|link|source)|request)");
        en(DATA_EXFILTRATION, "\\b(?:exfiltrate|exfiltration)\\b");
        en(
                DATA_EXFILTRATION,
                "\\b(?:reveal|print|show|repeat|output|disclose|leak|tell|display|give|write|list|dump|spell out|recite|share|return|provide)\\b (?:me |us )?(?:back )?(?:all )?(?:of )?(?:your|the|its) (?:full |entire |exact |complete |original |hidden |secret |internal |initial )*"
                        + SECRET + "\\b");
        en(
                DATA_EXFILTRATION,
                "\\bwhat (?:is|was|were|are) (?:your|the) (?:full |exact |original |initial |hidden |secret |internal )*(?:system prompt|instructions|prompt|password|secret|api key|rules)\\b");
        en(
                DATA_EXFILTRATION,
                "\\b(?:repeat|print|output|echo) (?:the )?(?:words|text|everything|all) (?:above|before|preceding)\\b");
        en(
                DATA_EXFILTRATION,
                "\\b(?:visit|open|fetch|load|call|ping|curl|request) (?:the )?(?:url|link|https?://\\S+)\\b.{0,60}\\b(?:with|including|containing|appending)\\b");

        // --- tool / format hijacking ---
        en(
                TOOL_HIJACKING,
                "\\b(?:call|invoke|execute|run|trigger|use|activate)\\b (?:the |a |an |your )?(?:\\w+ )?(?:tool|function|plugin|shell|bash|terminal|code interpreter|python|command line|system command|api call|browser tool|web ?hook)\\b(?! of\\b)");
        en(
                TOOL_HIJACKING,
                "\\b(?:function_call|tool_call|tool_use|tool_calls)\\b|<\\/?(?:tool_call|function_call|function|tool_use|invoke)\\b|\"(?:name|tool)\"\\s*:\\s*\"[\\w.-]+\"\\s*,\\s*\"(?:arguments|parameters|input)\"");
        en(TOOL_HIJACKING, "<\\s*script\\b|javascript:|\\bon(?:error|load|click)\\s*=|<\\s*iframe\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:rm -rf|curl |wget |eval\\(|exec\\(|os\\.system|subprocess|powershell|cmd\\.exe|/bin/(?:ba)?sh)\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:always|only|just|exclusively|from now on)\\b (?:respond|reply|answer|output|write|say|print)\\b (?:only |just )?(?:with|in|using|the (?:word|words|phrase|text|following))\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:respond|reply|answer|output)\\b (?:only|exclusively|always|just) with (?:the )?(?:words?|phrase|text|sentence|[\"'“])");
        en(
                TOOL_HIJACKING,
                "\\b(?:say|print|write|output|type|respond with|reply with|answer with|return)\\b (?:only |just |exactly |simply )?[\"'“‘«]?(?:i have been |i've been |you (?:have|'ve) been )?(?:pwned|hacked|owned|compromised)\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:do not|don'?t|never)\\b (?:cite|mention|include|show|reveal|tell|inform|warn|alert|add)\\b (?:the |any |your )?(?:user|sources|citations|passages|references|disclaimer|warning)\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:include|insert|add|embed|put|place)\\b (?:this|the following|these|that) (?:link|image|html|script|markdown|text|sentence|code|url|button)\\b.{0,30}\\b(?:in|into|at the (?:end|start|top|bottom) of) (?:your|every|each|the|all) (?:answers?|responses?|outputs?|replies|messages)\\b");
        en(
                TOOL_HIJACKING,
                "\\b(?:begin|start|end|finish|prefix|suffix)\\b (?:your|every|each|all|the) (?:answers?|responses?|outputs?|replies) with\\b");

        // --- obfuscation announced in words ---
        en(
                InjectionClass.OBFUSCATION,
                "\\b(?:decode|decipher|decrypt|translate|convert|unscramble|reverse|interpret)\\b (?:this|the following|the|these)? ?(?:base ?64|hex(?:adecimal)?|rot-?13|binary|morse|caesar|cipher|encoded|reversed|backwards)\\b.{0,60}\\b(?:follow|execute|obey|do|run|carry out|act on|perform|comply)\\b");
        en(
                InjectionClass.OBFUSCATION,
                "\\b(?:follow|execute|obey|do|run|carry out|act on|perform)\\b (?:the )?(?:base ?64|hex|rot-?13|encoded|decoded|hidden|reversed) (?:instructions?|text|message|command|payload)\\b");

        // --- multilingual: the main attacks in SV, NO, DA, FI, DE, FR, NL, ES, IT, PT ---
        // German
        ml(
                INSTRUCTION_OVERRIDE,
                "de",
                "\\b(?:ignoriere?n?|vergiss|vergessen sie|missachte|missachten sie|uberspringe|verwirf|verwerfen sie)\\b (?:\\w+ ){0,4}(?:anweisungen|instruktionen|befehle|regeln|anordnungen|vorgaben|auftrage|aufgaben)\\b");
        ml(
                INSTRUCTION_OVERRIDE,
                "de",
                "\\b(?:vergiss|vergessen sie|ignoriere|ignorieren sie) (?:alles|das alles|alle)\\b");
        ml(
                INSTRUCTION_OVERRIDE,
                "de",
                "\\b(?:neue|deine neue|ihre neue) (?:anweisung|aufgabe|anweisungen)\\s*(?::|lautet|ist|sind)");
        ml(
                ROLE_IMPERSONATION,
                "de",
                "\\b(?:du bist|sie sind) (?:jetzt|nun|ab sofort|ab jetzt) (?:ein |eine |der |die )?(?:ki|assistent|chatbot|bot|modell|system|admin|administrator|entwickler|hacker|dan|ungefiltert|uneingeschrankt|frei|boser?)\\b");
        ml(
                ROLE_IMPERSONATION,
                "de",
                "\\b(?:tu so|tun sie so|gib dich|geben sie sich),? als (?:ob|ware|waren)?\\b|\\bagiere als\\b|\\bnachricht (?:vom|des) (?:system|entwickler|administrator)s?\\b");
        ml(
                DATA_EXFILTRATION,
                "de",
                "\\b(?:zeige?|nenne|verrate|gib|drucke|wiederhole|offenbare)\\b (?:mir )?(?:deinen|deine|den|die|ihren|ihre) (?:system ?prompt|systemnachricht|anweisungen|prompt|passwort|geheimnis)\\b");
        ml(
                DATA_EXFILTRATION,
                "de",
                "\\b(?:sende|schicke|leite|ubermittle|maile)\\b .{0,60}\\b(?:an|zu|nach) " + ADDRESS);
        // French
        ml(
                INSTRUCTION_OVERRIDE,
                "fr",
                "\\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?|ne tiens pas compte|ne tenez pas compte|fais abstraction|faites abstraction|abandonne[rz]?)\\b (?:\\w+ ){0,4}(?:instructions|consignes|regles|directives|ordres|commandes)\\b");
        ml(INSTRUCTION_OVERRIDE, "fr", "\\b(?:oublie|oubliez|ignore|ignorez) tout\\b");
        ml(
                ROLE_IMPERSONATION,
                "fr",
                "\\b(?:tu es|vous etes|tu seras|vous serez) (?:maintenant|desormais|a present|dorenavant) (?:un |une |le |la )?(?:ia|assistant|chatbot|bot|modele|systeme|admin|administrateur|developpeur|hacker|dan|sans (?:restriction|filtre|limite)s?)\\b");
        ml(
                ROLE_IMPERSONATION,
                "fr",
                "\\b(?:fais|faites) semblant d'?etre\\b|\\bmessage (?:du|de l'?) ?(?:systeme|developpeur|administrateur)\\b");
        ml(
                DATA_EXFILTRATION,
                "fr",
                "\\b(?:revele[rz]?|affiche[rz]?|montre[rz]?|donne[rz]?|repete[rz]?|divulgue[rz]?)\\b (?:moi |-moi )?(?:ton|votre|le|tes|vos|les) (?:prompt|invite|message) (?:systeme|initial)|\\b(?:revele[rz]?|affiche[rz]?|montre[rz]?|donne[rz]?)\\b (?:moi |-moi )?(?:ton|votre|le) mot de passe\\b");
        ml(
                DATA_EXFILTRATION,
                "fr",
                "\\b(?:envoie[rz]?|transmets|transmettez|transfere[rz]?)\\b .{0,60}\\b(?:a|vers|au) " + ADDRESS);
        // Spanish
        ml(
                INSTRUCTION_OVERRIDE,
                "es",
                "\\b(?:ignora|ignore|ignoren|olvida|olvide|olviden|descarta|descarte|omite|omita|no sigas|no siga)\\b (?:\\w+ ){0,4}(?:instrucciones|reglas|indicaciones|ordenes|directrices|consignas)\\b");
        ml(INSTRUCTION_OVERRIDE, "es", "\\b(?:olvida|olvide|ignora) todo\\b");
        ml(
                ROLE_IMPERSONATION,
                "es",
                "\\b(?:ahora eres|ahora es usted|a partir de ahora eres|desde ahora eres) (?:un |una |el |la )?(?:ia|asistente|chatbot|bot|modelo|sistema|admin|administrador|desarrollador|hacker|dan|sin (?:restricciones|filtros|limites))\\b");
        ml(
                ROLE_IMPERSONATION,
                "es",
                "\\bfinge (?:ser|que eres)\\b|\\bmensaje del (?:sistema|desarrollador|administrador)\\b");
        ml(
                DATA_EXFILTRATION,
                "es",
                "\\b(?:muestra|muestrame|revela|revelame|dime|repite|imprime|ensename)\\b (?:me )?(?:tu|el|su|tus|las) (?:prompt|mensaje|instrucciones) (?:del sistema|de sistema|inicial(?:es)?|ocult[ao]s?)|\\b(?:dime|revela|muestra)\\b (?:tu|la) contrasena\\b");
        ml(
                DATA_EXFILTRATION,
                "es",
                "\\b(?:envia|envie|manda|mande|reenvia|transmite)\\b .{0,60}\\b(?:a|al|hacia) " + ADDRESS);
        // Italian
        ml(
                INSTRUCTION_OVERRIDE,
                "it",
                "\\b(?:ignora|ignori|ignorate|dimentica|dimentichi|dimenticate|trascura|tralascia|non seguire)\\b (?:\\w+ ){0,4}(?:istruzioni|regole|indicazioni|direttive|ordini|comandi)\\b");
        ml(INSTRUCTION_OVERRIDE, "it", "\\b(?:dimentica|ignora) tutto\\b");
        ml(
                ROLE_IMPERSONATION,
                "it",
                "\\b(?:ora sei|adesso sei|da ora sei|d'ora in poi sei) (?:un |una |il |la |l')?(?:ia|assistente|chatbot|bot|modello|sistema|admin|amministratore|sviluppatore|hacker|dan|senza (?:restrizioni|filtri|limiti))\\b");
        ml(
                ROLE_IMPERSONATION,
                "it",
                "\\bfingi di essere\\b|\\bmessaggio (?:del|dal) (?:sistema|sviluppatore|amministratore)\\b");
        ml(
                DATA_EXFILTRATION,
                "it",
                "\\b(?:rivela|rivelami|mostra|mostrami|dimmi|ripeti|stampa)\\b (?:il |i |le )?(?:tuo |tuoi |tue )?(?:prompt|messaggio|istruzioni) (?:di sistema|del sistema|iniziali?|nascost[ei])|\\b(?:dimmi|rivela|mostra)\\b (?:la )?(?:tua )?password\\b");
        ml(
                DATA_EXFILTRATION,
                "it",
                "\\b(?:invia|manda|inoltra|trasmetti)\\b .{0,60}\\b(?:a|al|all'?|verso) " + ADDRESS);
        // Portuguese
        ml(
                INSTRUCTION_OVERRIDE,
                "pt",
                "\\b(?:ignore|ignora|ignorem|esqueca|esquece|esquecam|desconsidere|desconsidera|descarte|nao siga)\\b (?:\\w+ ){0,4}(?:instrucoes|regras|orientacoes|ordens|diretrizes|comandos)\\b");
        ml(INSTRUCTION_OVERRIDE, "pt", "\\b(?:esqueca|esquece|ignore) tudo\\b");
        ml(
                ROLE_IMPERSONATION,
                "pt",
                "\\b(?:agora voce e|agora es|a partir de agora voce e|de agora em diante voce e) (?:um |uma |o |a )?(?:ia|assistente|chatbot|bot|modelo|sistema|admin|administrador|desenvolvedor|hacker|dan|sem (?:restricoes|filtros|limites))\\b");
        ml(
                ROLE_IMPERSONATION,
                "pt",
                "\\bfinja (?:ser|que (?:voce )?e)\\b|\\bmensagem do (?:sistema|desenvolvedor|administrador)\\b");
        ml(
                DATA_EXFILTRATION,
                "pt",
                "\\b(?:revele|mostre|diga|repita|imprima|me diga|me mostre)\\b (?:me )?(?:o seu|o|seu|as suas|as) (?:prompt|mensagem|instrucoes) (?:do sistema|de sistema|iniciais?|ocult[ao]s?)|\\b(?:revele|mostre|diga)\\b (?:a sua |sua |a )?senha\\b");
        ml(
                DATA_EXFILTRATION,
                "pt",
                "\\b(?:envie|envia|mande|manda|encaminhe|transmita)\\b .{0,60}\\b(?:para|a|ao) " + ADDRESS);
        // Dutch
        ml(
                INSTRUCTION_OVERRIDE,
                "nl",
                "\\b(?:negeer|vergeet|negeert|vergeten|veronachtzaam|sla over)\\b (?:\\w+ ){0,4}(?:instructies|regels|opdrachten|aanwijzingen|richtlijnen|bevelen)\\b");
        ml(INSTRUCTION_OVERRIDE, "nl", "\\b(?:vergeet|negeer) alles\\b");
        ml(
                ROLE_IMPERSONATION,
                "nl",
                "\\b(?:je bent nu|u bent nu|vanaf nu ben je|jij bent nu) (?:een |de |het )?(?:ai|assistent|chatbot|bot|model|systeem|admin|beheerder|ontwikkelaar|hacker|dan|zonder (?:beperkingen|filters))\\b");
        ml(
                ROLE_IMPERSONATION,
                "nl",
                "\\b(?:doe alsof je|doe of je)\\b|\\bbericht van (?:het systeem|de ontwikkelaar|de beheerder)\\b");
        ml(
                DATA_EXFILTRATION,
                "nl",
                "\\b(?:toon|laat zien|geef|herhaal|onthul|vertel)\\b (?:me )?(?:je|jouw|uw|de) (?:systeemprompt|systeem prompt|prompt|instructies|wachtwoord)\\b");
        ml(DATA_EXFILTRATION, "nl", "\\b(?:stuur|verstuur|zend|mail|stuur door)\\b .{0,60}\\b(?:naar|aan) " + ADDRESS);
        // Swedish
        ml(
                INSTRUCTION_OVERRIDE,
                "sv",
                "\\b(?:ignorera|glom|bortse fran|strunta i|hoppa over|skippa)\\b (?:\\w+ ){0,4}(?:instruktioner|instruktionerna|regler|reglerna|anvisningar|anvisningarna|direktiv|order|kommandon)\\b");
        ml(INSTRUCTION_OVERRIDE, "sv", "\\b(?:glom|ignorera) allt\\b");
        ml(
                ROLE_IMPERSONATION,
                "sv",
                "\\b(?:du ar nu|fran och med nu ar du|nu ar du) (?:en |ett )?(?:ai|assistent|chattbot|chatbot|bot|modell|system|admin|administrator|utvecklare|hacker|dan|utan (?:begransningar|filter))\\b");
        ml(
                ROLE_IMPERSONATION,
                "sv",
                "\\b(?:latsas att du ar|latsas vara)\\b|\\bmeddelande fran (?:systemet|utvecklaren|administratoren)\\b");
        ml(
                DATA_EXFILTRATION,
                "sv",
                "\\b(?:visa|avslja|upprepa|berata|ge mig)\\b (?:mig )?(?:din|ditt|dina|systemets) (?:systemprompt|prompt|instruktioner|losenord)\\b");
        ml(DATA_EXFILTRATION, "sv", "\\b(?:skicka|vidarebefordra|maila|mejla|overfor)\\b .{0,60}\\btill " + ADDRESS);
        // Norwegian
        ml(
                INSTRUCTION_OVERRIDE,
                "no",
                "\\b(?:ignorer|glem|se bort fra|overse|hopp over)\\b (?:\\w+ ){0,4}(?:instruksjoner|instruksjonene|regler|reglene|anvisninger|anvisningene|kommandoer|ordre)\\b");
        ml(INSTRUCTION_OVERRIDE, "no", "\\b(?:glem|ignorer) alt\\b");
        ml(
                ROLE_IMPERSONATION,
                "no",
                "\\b(?:du er na|fra na av er du|na er du) (?:en |et )?(?:ai|ki|assistent|chatbot|bot|modell|system|admin|administrator|utvikler|hacker|dan|uten (?:begrensninger|filter))\\b");
        ml(
                DATA_EXFILTRATION,
                "no",
                "\\b(?:vis|avslor|gjenta|fortell|gi meg)\\b (?:meg )?(?:din|ditt|dine) (?:systemprompt|prompt|instruksjoner|passord)\\b");
        ml(DATA_EXFILTRATION, "no", "\\b(?:send|videresend|overfor)\\b .{0,60}\\btil " + ADDRESS);
        // Danish
        ml(
                INSTRUCTION_OVERRIDE,
                "da",
                "\\b(?:ignorer|glem|se bort fra|overse|spring over)\\b (?:\\w+ ){0,4}(?:instruktioner|instruktionerne|instrukser|regler|reglerne|anvisninger|anvisningerne|kommandoer|ordrer)\\b");
        ml(
                ROLE_IMPERSONATION,
                "da",
                "\\b(?:du er nu|fra nu af er du|nu er du) (?:en |et )?(?:ai|ki|assistent|chatbot|bot|model|system|admin|administrator|udvikler|hacker|dan|uden (?:begrænsninger|filter))\\b");
        ml(
                ROLE_IMPERSONATION,
                "da",
                "\\b(?:lad som om du er|lat som om du er|lat som du er)\\b|\\bmelding fra (?:systemet|utvikleren|administratoren)\\b|\\bbesked fra (?:systemet|udvikleren|administratoren)\\b");
        ml(
                DATA_EXFILTRATION,
                "da",
                "\\b(?:vis|afslor|gentag|fortael|giv mig)\\b (?:mig )?(?:din|dit|dine) (?:systemprompt|prompt|instruktioner|adgangskode)\\b");
        // Finnish
        ml(
                INSTRUCTION_OVERRIDE,
                "fi",
                "\\b(?:ohita|unohda|jata huomiotta|sivuuta|alä noudata|ala noudata)\\b (?:\\w+ ){0,4}(?:ohjeet|ohjeesi|ohjeita|ohjeista|saannot|saantoja|kaskyt|kaskyja|maaraykset)\\b");
        ml(INSTRUCTION_OVERRIDE, "fi", "\\b(?:unohda|ohita) kaikki\\b");
        ml(
                ROLE_IMPERSONATION,
                "fi",
                "\\b(?:olet nyt|tasta lahtien olet|nyt olet) (?:tekoaly|avustaja|chatbot|botti|malli|jarjestelma|jarjestelmanvalvoja|kehittaja|hakkeri|dan|rajoittamaton|ilman rajoituksia)\\b");
        ml(
                ROLE_IMPERSONATION,
                "fi",
                "\\b(?:teeskentele olevasi|esita olevasi)\\b|\\bviesti (?:jarjestelmalta|kehittajalta|yllapitajalta)\\b");
        ml(
                DATA_EXFILTRATION,
                "fi",
                "\\b(?:nayta|paljasta|toista|kerro)\\b (?:minulle )?(?:jarjestelmakehotteesi|jarjestelmakehote|kehotteesi|ohjeesi|salasanasi|salasana)\\b");
        ml(
                DATA_EXFILTRATION,
                "fi",
                "\\b(?:laheta|valita|valita eteenpain)\\b .{0,60}\\b(?:osoitteeseen|sahkopostiin) " + ADDRESS
                        + "|\\b(?:laheta|valita)\\b .{0,60}" + ADDRESS);
    }

    // Phrasings shared across the eleven languages, one rule per attack rather than per language (the
    // folded forms: accents gone, "ø" read as "o", "æ" as "ae"). Each needs the attack's structure
    // (a colon after "new instructions", a second person after "from now on", "only with" after
    // "answer"), because the words alone occur in ordinary legal text.
    private static final String AI =
            "(?:ai|ki|ia|ki-?assistent|ai-?assistent|tekoaly|tekoalylle|assistent|assistant|assistente|asistente|"
                    + "avustaja|avustajalle|model|modell|modello|modelo|modele|malli|mallille|chatbot|llm|language model|"
                    + "sprachmodell|taalmodel|sprakmodell|kielimalli)";

    static {
        ml(
                INSTRUCTION_OVERRIDE,
                "xx",
                "\\b(?:nya|nye|uudet|nouvelles|nuevas|nuove|novas|nieuwe|neue|geanderte|aktualisierte|ny|uusi|nuova|nueva|nouvelle|nova)"
                        + " (?:instruktioner|instruktionerna|instruksjoner|instruksjonene|instrukser|ohjeet|ohjeesi|instructions|consignes"
                        + "|instrucciones|istruzioni|instrucoes|instructies|anweisungen|befehle|regler|regels|reglas|regole|regras|"
                        + "tehtava|uppgift|oppgave|opgave|tache|tarea|compito|tarefa|taak|aufgabe|instruktion|instruksjon|instruction"
                        + "|instruccion|istruzione|instrucao|instructie|anweisung)\\s*:");
        ml(
                INSTRUCTION_OVERRIDE,
                "xx",
                "\\b(?:fran och med nu|fra na av|fra nu af|fra nu|tasta lahtien|tasta eteenpain|ab sofort|ab jetzt|von nun an"
                        + "|a partir de maintenant|desormais|dorenavant|a partir de ahora|desde ahora|d'ora in poi|da ora in poi|da adesso"
                        + "|a partir de agora|daqui em diante|vanaf nu|van nu af aan|voortaan|hadanefter|heretter|fremover)"
                        + ",? (?:ska du|skal du|maste du|ma du|sinun (?:tulee|pitaa)|vastaa|vastaat|sollst du|musst du|wirst du|antworte"
                        + "|antwortest|tu dois|vous devez|tu reponds|reponds|repondez|debes|responde|respondes|devi|rispondi"
                        + "|deves|deve|responda|moet je|moet u|antwoord|svara|svar|ignorera|ignorer|ignoriere|ignore|ignora)\\b");
        ml(
                TOOL_HIJACKING,
                "xx",
                "\\b(?:svara|svar|vastaa|antworte|antworten sie|reponds|repondez|responde|responda|rispondi|risponda|antwoord)"
                        + " (?:\\w+ ){0,2}(?:endast|bara|kun|bare|vain|ainoastaan|nur|ausschliesslich|uniquement|seulement|solo|solamente"
                        + "|unicamente|soltanto|esclusivamente|apenas|somente|alleen|uitsluitend)(?: \\w+)? (?:med|mit|par|avec|con|com|met|lauseella|sanalla)\\b");
        ml(
                ROLE_IMPERSONATION,
                "xx",
                "(?:^|[\\[(\\n.!?] ?)(?:system ?(?:nachricht|meddelande|melding|besked|bericht|notice|alert|update|notification)"
                        + "|systemnachricht|systemmeddelande|systemmelding|systembesked|systeembericht|jarjestelmaviesti"
                        + "|messaggio di sistema|mensaje del sistema|message du systeme|mensagem do sistema)\\s*[:\\]]");
        ml(
                INSTRUCTION_OVERRIDE,
                "xx",
                "\\b(?:note|message|instruction|notice|hinweis|nachricht|anweisung|nota|mensaje|messaggio|mensagem|opmerking|bericht"
                        + "|anteckning|meddelande|merknad|melding|beskjed|bemaerkning|besked|huomautus|viesti)"
                        + " (?:to|for|an|fur|pour|para|per|voor|till|til|aan) (?:the |any |die |den |das |l'|la |el |il |o |a |de |het )?"
                        + AI + "\\b");
        ml(
                INSTRUCTION_OVERRIDE,
                "xx",
                "\\b(?:if you are|if you're|wenn du|falls du|si tu es|si vous etes|si eres|si usted es|se sei|se voce e|se es|als je"
                        + "|als u|om du ar|hvis du er|jos olet) (?:an? |eine?n? |une? |una? |um |uma |een |en |ett |et )?(?:ai|ki|ia|tekoaly"
                        + "|assistant|assistent|assistente|asistente|avustaja|chatbot|llm|language model|sprachmodell|kielimalli)\\b");
        ml(
                INSTRUCTION_OVERRIDE,
                "fi",
                "\\b(?:huomautus|viesti) (?:tekoalylle|avustajalle|mallille)\\b|\\btekoalylle\\b.{0,40}\\b(?:ohita|unohda|ala valita|jata huomiotta)\\b");
    }

    private static void en(InjectionClass kind, String regex) {
        RULES.add(new Rule(kind, EN, Pattern.compile(regex, Pattern.MULTILINE)));
    }

    private static void ml(InjectionClass kind, String language, String regex) {
        RULES.add(new Rule(kind, language, Pattern.compile(regex, Pattern.MULTILINE)));
    }

    /** Which rules can match a text at all: one linear pass instead of every pattern everywhere. */
    private static final RuleAnchors ANCHORS = new RuleAnchors(RULES.stream()
            .map(rule -> RuleAnchors.anchorsOf(rule.pattern().pattern()))
            .toList());

    /** Longest text the rules read (a question is at most 8,000 characters; a chunk far less). */
    static final int MAX_CHARS = 20_000;

    // A decoded or rewritten copy is matched against every rule only when it contains one of these
    // (every attack phrasing above has one): keeps the copies of a long benign passage cheap.
    private static final RuleAnchors TRIGGERS = new RuleAnchors(List.of(Set.of(
            "ignor",
            "disregard",
            "forget",
            "instruct",
            "prompt",
            "system",
            "pretend",
            "reveal",
            "send",
            "pwned",
            "hacked",
            "act as",
            "you are",
            "jailbr",
            "overrid",
            "previous",
            "rules",
            "tool",
            "script",
            "respond",
            "answer",
            "vergiss",
            "anweisung",
            "oubli",
            "consigne",
            "olvid",
            "dimentic",
            "istruzion",
            "esquec",
            "instruc",
            "negeer",
            "vergeet",
            "glom",
            "glem",
            "ohita",
            "unohda",
            "ohjee",
            "regl",
            "regel")));

    /** Marks a copy made from the folded text (no second folding needed). */
    private static final String FOLDED = "\u0000folded:";

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}[\\s:]?){12,}");
    private static final Pattern SPACED = Pattern.compile("\\b(?:\\p{L}[\\s.\\-_*]){4,}\\p{L}\\b");

    private InjectionRules() {}

    /**
     * Raise when the rules' logic changes without a pattern changing (folding, decodings, the triggers):
     * verdicts stored under another {@link #fingerprint()} are not trusted (ADR 0018).
     */
    private static final int LOGIC_REVISION = 1;

    private static final String FINGERPRINT = InjectionClassifier.sha256(String.join(
                    "\n",
                    java.util.stream.Stream.concat(
                                    java.util.stream.Stream.of(
                                            "logic " + LOGIC_REVISION,
                                            "max " + MAX_CHARS,
                                            BASE64.pattern(),
                                            HEX.pattern(),
                                            SPACED.pattern()),
                                    RULES.stream()
                                            .map(rule -> rule.kind() + " " + rule.language() + " "
                                                    + rule.pattern().pattern()))
                            .toList()))
            .substring(0, 12);

    /** Names this rule set: changes with any pattern, the bound, or {@link #LOGIC_REVISION}. */
    static String fingerprint() {
        return FINGERPRINT;
    }

    /** Every class the rules find in the text; empty when none. Never logs or keeps the text. */
    static Set<InjectionClass> classify(String whole) {
        // bounded work on hostile input: what lies past the bound is never sent to a model either
        String text = whole.length() > MAX_CHARS ? whole.substring(0, MAX_CHARS) : whole;
        GuardText guard = GuardText.of(text);
        Set<InjectionClass> found = EnumSet.noneOf(InjectionClass.class);
        boolean matchedFolded = match(guard.folded(), found);
        if (matchedFolded && !matchesAny(guard.plain())) {
            found.add(InjectionClass.OBFUSCATION); // it took folding to see the attack
        }
        if (guard.bidiOverrides() > 0 || guard.mixedScriptWord() || guard.invisible() >= 3) {
            // Reordering controls, words mixing Latin with look-alike letters, or several invisible
            // characters: a passage that hides what it says from the reader.
            if (guard.bidiOverrides() > 0 || guard.mixedScriptWord() || matchedFolded || guard.invisible() >= 8) {
                found.add(InjectionClass.OBFUSCATION);
            }
        }
        for (String decoded : decodings(text, guard.folded(), matchedFolded)) {
            // decoded payloads are folded like any text; the rewritten copies are made from the folded form
            String folded = decoded.startsWith(FOLDED) ? decoded.substring(FOLDED.length()) : GuardText.fold(decoded);
            if (!TRIGGERS.candidates(folded).get(0)) {
                continue; // a rewritten copy of ordinary text: gibberish, not worth every rule
            }
            Set<InjectionClass> hidden = EnumSet.noneOf(InjectionClass.class);
            if (match(folded, hidden)) {
                found.addAll(hidden);
                found.add(InjectionClass.OBFUSCATION);
            }
        }
        return found;
    }

    private static boolean match(String folded, Set<InjectionClass> found) {
        Set<InjectionClass> english = EnumSet.noneOf(InjectionClass.class);
        Set<InjectionClass> other = EnumSet.noneOf(InjectionClass.class);
        BitSet candidates = ANCHORS.candidates(folded);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Rule rule = RULES.get(i);
            if (rule.pattern().matcher(folded).find()) {
                (rule.language().equals(EN) ? english : other).add(rule.kind());
            }
        }
        boolean any = !english.isEmpty() || !other.isEmpty();
        found.addAll(english);
        found.addAll(other);
        // Another language's rule counts as multilingual only where no English rule saw the same
        // attack ("ignore ... instructions" is French and English alike).
        other.removeAll(english);
        if (!other.isEmpty()) {
            found.add(InjectionClass.MULTILINGUAL);
        }
        return any;
    }

    /** The rules, in order (tests: that the anchors never hide a rule that matches). */
    static List<Rule> rules() {
        return List.copyOf(RULES);
    }

    /** The indexes of the rules the pre-filter lets run on a folded text. */
    static BitSet candidates(String folded) {
        return ANCHORS.candidates(folded);
    }

    private static boolean matchesAny(String text) {
        BitSet candidates = ANCHORS.candidates(text);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (RULES.get(i).pattern().matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** Copies of the text with its encoded parts decoded: base64, hex, rot13, leet and spaced-out letters. */
    private static List<String> decodings(String raw, String folded, boolean alreadyMatched) {
        var out = new ArrayList<String>();
        Matcher b64 = BASE64.matcher(raw);
        int budget = 20; // bounded work on hostile input
        while (b64.find() && budget-- > 0) {
            String token = b64.group();
            try {
                byte[] bytes = token.contains("-") || token.contains("_")
                        ? Base64.getUrlDecoder().decode(token.replace("=", ""))
                        : Base64.getDecoder().decode(pad(token));
                String decoded = new String(bytes, StandardCharsets.UTF_8);
                if (mostlyText(decoded)) {
                    out.add(decoded);
                }
            } catch (IllegalArgumentException notBase64) {
                // not an encoding after all
            }
        }
        Matcher hex = HEX.matcher(raw);
        budget = 20;
        while (hex.find() && budget-- > 0) {
            String digits = hex.group().replaceAll("[\\s:]", "");
            if (digits.length() % 2 == 0) {
                String decoded = new String(HexFormat.of().parseHex(digits), StandardCharsets.UTF_8);
                if (mostlyText(decoded)) {
                    out.add(decoded);
                }
            }
        }
        if (alreadyMatched) {
            return out; // the rewritten copies below would only find what the text says openly
        }
        out.add(FOLDED + rot13(folded));
        String unleet = unleet(folded);
        if (!unleet.equals(folded)) {
            out.add(FOLDED + unleet); // same text, same verdict: not worth a second pass
        }
        if (SPACED.matcher(folded).find()) {
            // "i g n o r e  a l l": single separators between letters go, wider gaps are the words' spaces
            out.add(raw.replaceAll("(?<=\\p{L})[ .\\-_*](?=\\p{L})", ""));
        }
        out.add(FOLDED + new StringBuilder(folded).reverse());
        return out;
    }

    private static String pad(String token) {
        String bare = token.replace("=", "");
        return bare + "=".repeat((4 - bare.length() % 4) % 4);
    }

    private static boolean mostlyText(String decoded) {
        if (decoded.length() < 8) {
            return false;
        }
        long letters =
                decoded.chars().filter(c -> Character.isLetter(c) || c == ' ').count();
        return letters >= decoded.length() * 0.8;
    }

    private static String rot13(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Leet letters read back ("1gn0r3" to "ignore") inside words that mix letters with them; a number
     * alone ("section 12.3", "2024") stays as it is, so ordinary legal text gives no second copy.
     */
    private static String unleet(String text) {
        var out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            boolean letter = false;
            boolean leet = false;
            for (int k = start; k < end; k++) {
                char c = text.charAt(k);
                letter |= Character.isLetter(c);
                leet |= "01!|34@5$7+8".indexOf(c) >= 0;
            }
            for (int k = start; k < end; k++) {
                char c = text.charAt(k);
                out.append(
                        !(letter && leet)
                                ? c
                                : switch (c) {
                                    case '0' -> 'o';
                                    case '1', '!', '|' -> 'i';
                                    case '3' -> 'e';
                                    case '4', '@' -> 'a';
                                    case '5', '$' -> 's';
                                    case '7', '+' -> 't';
                                    case '8' -> 'b';
                                    default -> c;
                                });
            }
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                out.append(text.charAt(end++));
            }
            start = end;
        }
        return out.toString();
    }
}
