package org.signet.web;

import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The REST resources read and answer only the types of the API contract ({@code org.signet.api}), raw content,
 * or a Response built from those; a domain record in a resource's signature would make its shape the API's. The CSC
 * resource speaks an outside specification's JSON instead, written out member by member (JSON-P).
 */
class RestContractTest {

    @Test
    void resourcesSpeakOnlyTheContract() {
        List<String> offending = new ArrayList<>();
        for (Class<?> resource : SignetApi.RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isOperation(method)) {
                    continue;
                }
                if (!contractOrRaw(method.getGenericReturnType())) {
                    offending.add(resource.getSimpleName() + "." + method.getName() + " answers " + method.getGenericReturnType());
                }
                for (Parameter parameter : method.getParameters()) {
                    boolean specified = resource == CscResource.class && parameter.getType() == JsonObject.class;
                    if (isBody(parameter) && !contractOrRaw(parameter.getParameterizedType()) && !specified) {
                        offending.add(resource.getSimpleName() + "." + method.getName() + " reads " + parameter.getParameterizedType());
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    private static boolean isOperation(Method method) {
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** A parameter bound to nothing in the path, query or headers is the request body. */
    private static boolean isBody(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            if (a.annotationType().getPackageName().equals("jakarta.ws.rs")) {
                return false;
            }
        }
        return true;
    }

    private static boolean contractOrRaw(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type element = p.getActualTypeArguments()[0];
            return element == EntityPart.class || contractOrRaw(element);
        }
        return type == Response.class || type == InputStream.class || type == byte[].class || type == String.class
                || type instanceof Class<?> c && c.getPackageName().equals("org.signet.api");
    }
}
