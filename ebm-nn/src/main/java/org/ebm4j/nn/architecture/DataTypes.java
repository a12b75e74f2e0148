package org.ebm4j.nn.architecture;

import java.util.Locale;
import org.ebm4j.api.config.ComponentConfig;
import org.nd4j.linalg.api.buffer.DataType;

/** Reads the {@code dtype} option shared by the network factories. */
final class DataTypes {

    private DataTypes() {
    }

    static DataType parse(ComponentConfig config) {
        String name = config.getString("dtype", "float").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "float", "float32" -> DataType.FLOAT;
            case "double", "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException(config.component() + ": dtype = '" + name
                    + "'; expected float or double");
        };
    }
}
