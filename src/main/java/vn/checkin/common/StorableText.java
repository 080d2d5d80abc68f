package vn.checkin.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Text with a NUL character is refused where it enters, as 400: PostgreSQL cannot store it (the insert failed
 * with 500 there while H2 stored it). JSON strings are checked as Jackson reads them, so the answer names the
 * field; query and path parameters by a request filter.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    private static final char NUL = '\u0000';

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Strings()));
    }

    @ServerRequestFilter
    public void refuseNulInParameters(ContainerRequestContext request) {
        if (holdsNul(request.getUriInfo().getQueryParameters()) || holdsNul(request.getUriInfo().getPathParameters())) {
            throw ApiException.badRequest("bad-request", "A parameter holds a NUL character, which cannot be stored.");
        }
    }

    private static boolean holdsNul(Map<String, List<String>> parameters) {
        return parameters.values().stream().flatMap(List::stream).anyMatch(v -> v.indexOf(NUL) >= 0);
    }

    /** Jackson's own string reading, then the NUL check. */
    private static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf(NUL) >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "holds a NUL character");
            }
            return value;
        }
    }
}
