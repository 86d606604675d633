package io.lexvault.testsupport;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One way into the application as registered in Spring MVC: an HTTP method and path pattern of a
 * handler, and a request that reaches it. Found from the running context rather than listed by hand,
 * so handlers added later are probed without anyone remembering to add them.
 */
public record HandlerProbe(HttpMethod method, String pattern, RequestMappingInfo mapping, HandlerMethod handler) {

    private static final DefaultParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

    /**
     * Every method and pattern of every handler of every {@link RequestMappingHandlerMapping} in the
     * context, reads (GET, HEAD) first: a probe that changes something can then only affect the
     * probes that change things after it, never what a read shows.
     */
    public static List<HandlerProbe> everyMapping(ApplicationContext context) {
        var probes = new ArrayList<HandlerProbe>();
        for (var mappings :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            mappings.getHandlerMethods().forEach((info, handler) -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                // A mapping for any method (the error page) is probed with GET, as browsers reach it.
                var httpMethods = methods.isEmpty()
                        ? List.of(HttpMethod.GET)
                        : methods.stream().map(RequestMethod::asHttpMethod).toList();
                for (String pattern : info.getPatternValues()) {
                    for (HttpMethod method : httpMethods) {
                        probes.add(new HandlerProbe(method, pattern, info, handler));
                    }
                }
            });
        }
        probes.sort(Comparator.comparing((HandlerProbe probe) -> !probe.isRead())
                .thenComparing(HandlerProbe::pattern)
                .thenComparing(probe -> probe.method().name()));
        return List.copyOf(probes);
    }

    public boolean isRead() {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
    }

    public boolean isApi() {
        return pattern.equals("/api") || pattern.startsWith("/api/");
    }

    /** The handler's annotation of that type, on the method (where LexVault declares them). */
    public <A extends java.lang.annotation.Annotation> A annotation(Class<A> type) {
        return handler.getMethodAnnotation(type);
    }

    /** Whether the request got through every filter to this probe's handler (not merely to its path). */
    public boolean reachedBy(MvcResult result) {
        return result.getHandler() instanceof HandlerMethod reached
                && reached.getMethod().equals(handler.getMethod());
    }

    /**
     * A request for this mapping: path variables filled with random UUIDs (nothing of any firm),
     * required parameters with harmless values of their type, a minimal JSON body where the handler
     * reads one and a small file where it takes uploads.
     */
    public AbstractMockHttpServletRequestBuilder<?> request() {
        return request(Map.of());
    }

    /**
     * As {@link #request()}, with the named path variables and request parameters set to the given
     * values instead (a parameter named here is sent even where it is optional).
     */
    public AbstractMockHttpServletRequestBuilder<?> request(Map<String, String> values) {
        String path = path(values);
        var parameters = handler.getMethodParameters();
        boolean multipart = false;
        for (var parameter : parameters) {
            multipart |= takesUpload(parameter);
        }
        AbstractMockHttpServletRequestBuilder<?> request;
        if (multipart) {
            var upload = MockMvcRequestBuilders.multipart(method, path);
            for (var parameter : parameters) {
                if (takesUpload(parameter)) {
                    upload.file(new MockMultipartFile(
                            partName(parameter),
                            "probe.txt",
                            MediaType.TEXT_PLAIN_VALUE,
                            "probe".getBytes(StandardCharsets.UTF_8)));
                }
            }
            request = upload;
        } else {
            request = MockMvcRequestBuilders.request(method, path);
        }
        for (var parameter : parameters) {
            parameter.initParameterNameDiscovery(PARAMETER_NAMES);
            var param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && values.containsKey(name(param.name(), parameter))) {
                request.param(name(param.name(), parameter), values.get(name(param.name(), parameter)));
            } else if (param != null
                    && param.required()
                    && param.defaultValue().equals(ValueConstants.DEFAULT_NONE)
                    && !Map.class.isAssignableFrom(parameter.getParameterType())
                    && !takesUpload(parameter)) {
                request.param(name(param.name(), parameter), valueFor(parameter));
            }
            var header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && header.required() && header.defaultValue().equals(ValueConstants.DEFAULT_NONE)) {
                request.header(name(header.name(), parameter), valueFor(parameter));
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                var consumes = mapping.getConsumesCondition().getConsumableMediaTypes();
                request.contentType(
                        consumes.isEmpty()
                                ? MediaType.APPLICATION_JSON
                                : consumes.iterator().next());
                request.content("{}");
            }
        }
        // Conditions in the mapping itself (params = "action=save", headers = ...) must hold, or the
        // request would reach another handler or none.
        for (var expression : mapping.getParamsCondition().getExpressions()) {
            if (!expression.isNegated()) {
                request.param(expression.getName(), expression.getValue() == null ? "probe" : expression.getValue());
            }
        }
        for (var expression : mapping.getHeadersCondition().getExpressions()) {
            if (!expression.isNegated()) {
                request.header(expression.getName(), expression.getValue() == null ? "probe" : expression.getValue());
            }
        }
        // A handler chosen by what it produces (the assistant's JSON answer or its event stream on one
        // path) is reached by asking for that: the first type it produces, then any.
        var produced = mapping.getProducesCondition().getProducibleMediaTypes();
        if (!produced.isEmpty()) {
            request.accept(produced.iterator().next(), MediaType.ALL);
        }
        if (ErrorController.class.isAssignableFrom(handler.getBeanType())) {
            // The error page shows the error the container forwarded to it; probed as for an unknown
            // address, since called with no error at all it reports a server error by design.
            request.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404);
            request.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/no-such-page");
        }
        return request;
    }

    private String path(Map<String, String> given) {
        var template = new UriTemplate(pattern);
        var values = new LinkedHashMap<String, String>();
        template.getVariableNames().forEach(name -> values.put(name, given.getOrDefault(name, pathValue(name))));
        String path = template.expand(values).toString();
        var parsed = PathPatternParser.defaultInstance.parse(pattern);
        if (!parsed.matches(PathContainer.parsePath(path))) {
            // Never probe something else than the handler: a pattern this cannot fill fails loudly.
            throw new IllegalStateException("No request can be built for " + pattern + " (tried " + path
                    + "); teach HandlerProbe.path() to fill it");
        }
        return path;
    }

    /** A random UUID (nothing of any firm), or a harmless value where the variable is of another type. */
    private String pathValue(String variable) {
        for (var parameter : handler.getMethodParameters()) {
            var annotation = parameter.getParameterAnnotation(PathVariable.class);
            if (annotation != null && variable.equals(name(annotation.name(), parameter))) {
                Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
                if (type != String.class && type != UUID.class) {
                    return valueFor(parameter);
                }
            }
        }
        return UUID.randomUUID().toString();
    }

    private static boolean takesUpload(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return parameter.hasParameterAnnotation(RequestPart.class)
                || MultipartFile.class.isAssignableFrom(type)
                || Part.class.isAssignableFrom(type)
                || (Collection.class.isAssignableFrom(type)
                        && MultipartFile.class.isAssignableFrom(ResolvableType.forMethodParameter(parameter)
                                .asCollection()
                                .getGeneric(0)
                                .resolve(Object.class)));
    }

    private static String partName(MethodParameter parameter) {
        var part = parameter.getParameterAnnotation(RequestPart.class);
        if (part != null) {
            return name(part.name(), parameter);
        }
        var param = parameter.getParameterAnnotation(RequestParam.class);
        return name(param == null ? "" : param.name(), parameter);
    }

    private static String name(String declared, MethodParameter parameter) {
        parameter.initParameterNameDiscovery(PARAMETER_NAMES);
        return declared.isEmpty() ? parameter.getParameterName() : declared;
    }

    /**
     * A value of the parameter's type that names nothing existing: switches off (false), counters at
     * zero, ids random, text a word. Probes must reach the handler, not do anything in particular.
     */
    private static String valueFor(MethodParameter parameter) {
        Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
        if (type == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return "false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "0";
        }
        if (type.isEnum()) {
            return ((Enum<?>) type.getEnumConstants()[0]).name();
        }
        if (type == LocalDate.class) {
            return LocalDate.now().toString();
        }
        if (type == Instant.class) {
            return Instant.now().toString();
        }
        return "probe";
    }

    @Override
    public String toString() {
        return method + " " + pattern + " (" + handler.getBeanType().getSimpleName() + "."
                + handler.getMethod().getName() + ")";
    }
}
