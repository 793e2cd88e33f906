package com.taskdesk.budget.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one file of config/ strictly (an unknown key, a key given twice, a fraction where a whole
 * number belongs, a text where a number belongs are errors) into {@link ConfigSchema}'s records,
 * and turns what Jackson refuses into one line naming the file and the key.
 */
final class ConfigYaml {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigYaml() {}

    static <T> T read(Path file, TypeReference<T> type) {
        String name = file.getParent().getFileName() + "/" + file.getFileName(); // config/prod.yaml
        try {
            T value = YAML.readValue(Files.readString(file), type);
            if (value == null) {
                throw BudgetException.configuration(name + ": the file is empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw BudgetException.configuration(name + ": file not found");
        } catch (JsonProcessingException e) {
            throw BudgetException.configuration(name + ": " + problem(e));
        } catch (IOException e) {
            throw BudgetException.configuration(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** "functions.agents.maxInstance is not a known setting (known: ...)" */
    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        if (message.startsWith("Duplicate field ")) {
            return "key " + message.substring("Duplicate field ".length()) + " appears twice" + line;
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return "not valid YAML" + line + ": " + message.lines().findFirst().orElse("");
        }
        String key = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof ConfigSchema.Invalid invalid) {
            return (key.isEmpty() ? "" : key + ".") + invalid.key + " " + invalid.getMessage();
        }
        if (cause instanceof IllegalArgumentException) {
            return key + " " + cause.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return key + " is not a known setting (known: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ")";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
            return key + " must be one of "
                    + Arrays.stream(format.getTargetType().getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "))
                    + "; got '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return (key.isEmpty() ? "the document" : key) + " must be " + expected(mismatch.getTargetType());
        }
        return (key.isEmpty() ? "" : key + ": ") + message.lines().findFirst().orElse("");
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text";
        }
        return List.class.isAssignableFrom(type) ? "a list" : "a mapping of keys to values";
    }
}
