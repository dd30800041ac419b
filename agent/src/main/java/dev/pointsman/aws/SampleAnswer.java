package dev.pointsman.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * A JSON answer with every body field of a response model set (strings, numbers, timestamps in the
 * field's format, one element per list and map, nested structures a few levels deep), so that the
 * SDK call rehearsal unmarshals what an answer from AWS holds rather than an empty object. For the
 * JSON protocols (Lambda, API Gateway, ECS, AppConfig); the values mean nothing.
 */
final class SampleAnswer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Nested structures filled this deep; deeper ones (and recursive models) are left out. */
  static final int DEPTH = 4;

  private SampleAnswer() {}

  /** The answer for response model {@code builder} (a response class's {@code builder()}). */
  static byte[] of(SdkPojo builder) {
    try {
      return MAPPER.writeValueAsBytes(fill(builder, 0));
    } catch (RuntimeException | JsonProcessingException e) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
  }

  private static ObjectNode fill(SdkPojo pojo, int depth) {
    ObjectNode node = JSON.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) continue;
      value(field, depth).ifPresent(v -> node.set(field.unmarshallLocationName(), v));
    }
    return node;
  }

  private static Optional<JsonNode> value(SdkField<?> field, int depth) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) return Optional.of(JSON.textNode("rehearsal"));
    if (type == MarshallingType.INTEGER
        || type == MarshallingType.LONG
        || type == MarshallingType.SHORT
        || type == MarshallingType.BYTE) return Optional.of(JSON.numberNode(1));
    if (type == MarshallingType.FLOAT
        || type == MarshallingType.DOUBLE
        || type == MarshallingType.BIG_DECIMAL) return Optional.of(JSON.numberNode(1.5));
    if (type == MarshallingType.BOOLEAN) return Optional.of(JSON.booleanNode(true));
    if (type == MarshallingType.SDK_BYTES) return Optional.of(JSON.textNode("cmVoZWFyc2Fs"));
    if (type == MarshallingType.INSTANT) return Optional.of(instant(field));
    if (depth >= DEPTH) return Optional.empty();
    if (type == MarshallingType.SDK_POJO) {
      return Optional.of(fill(field.constructor().get(), depth + 1));
    }
    if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode list = JSON.arrayNode();
      value(member, depth + 1).ifPresent(list::add);
      return Optional.of(list);
    }
    if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode map = JSON.objectNode();
      value(member, depth + 1).ifPresent(v -> map.set("rehearsal", v));
      return Optional.of(map);
    }
    return Optional.empty(); // a document, or a type a JSON answer does not carry
  }

  private static JsonNode instant(SdkField<?> field) {
    TimestampFormatTrait.Format format =
        field
            .getOptionalTrait(TimestampFormatTrait.class)
            .map(TimestampFormatTrait::format)
            .orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
    return switch (format) {
      case ISO_8601 -> JSON.textNode("2026-11-30T12:00:00Z");
      case RFC_822 -> JSON.textNode("Mon, 30 Nov 2026 12:00:00 GMT");
      case UNIX_TIMESTAMP_MILLIS -> JSON.numberNode(1796040000000L);
      default -> JSON.numberNode(1796040000.5);
    };
  }
}
