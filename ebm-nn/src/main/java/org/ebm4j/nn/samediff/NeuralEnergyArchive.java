package org.ebm4j.nn.samediff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.ebm4j.api.config.ComponentConfig;
import org.ebm4j.api.energy.EnergyFactory;
import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.ParametricEnergy;
import org.ebm4j.api.io.TensorArchive;

/**
 * Reads the files written by {@link SameDiffEnergy#save(Path)} and rebuilds the energy they describe through the
 * energy registry: the file names its energy ({@code energy.name}) and the factory configuration
 * ({@code energy.config.*}); the factory builds the architecture, which must equal the saved one, and the saved
 * parameters are loaded into it.
 */
public final class NeuralEnergyArchive {

    private NeuralEnergyArchive() {
    }

    /**
     * @param file a file written by {@link SameDiffEnergy#save(Path)}
     * @param factories the registered energy factories by name (the {@code MapBinder<String, EnergyFactory>})
     * @return the energy the factory builds (a {@link SameDiffEnergy} or an energy wrapping one, such as
     *     {@link org.ebm4j.nn.direct.DirectGradientEnergy}) with the saved parameters
     * @throws IllegalArgumentException if the saved energy's name is not registered or the rebuilt architecture differs
     */
    public static ParametricEnergy load(Path file, Map<String, EnergyFactory> factories) throws IOException {
        TensorArchive.Contents contents = read(file);
        String name = contents.meta("energy.name");
        EnergyFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(file + " holds energy '" + name + "', which is not registered; known"
                    + " energies: " + new TreeSet<>(factories.keySet()));
        }
        Map<String, String> config = new LinkedHashMap<>();
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith("energy.config.")) {
                config.put(k.substring("energy.config.".length()), v);
            }
        });
        EnergyFunction built = factory.create(ComponentConfig.of("energy '" + name + "'", config));
        if (built instanceof SameDiffEnergy energy) {
            energy.load(file);
            return energy;
        }
        if (built instanceof org.ebm4j.nn.direct.DirectGradientEnergy direct) {
            direct.graph().load(file);
            return direct;
        }
        throw new IllegalArgumentException("energy '" + name + "' is a " + built.getClass().getName()
                + "; expected a SameDiffEnergy or a DirectGradientEnergy");
    }

    /**
     * Reads and checks the format of an energy file.
     *
     * @throws IOException if it is not a {@value SameDiffEnergy#FILE_FORMAT} file of a version this code reads
     */
    static TensorArchive.Contents read(Path file) throws IOException {
        TensorArchive.Contents contents = TensorArchive.read(file);
        String format = contents.metadata().get("energy.format");
        if (!SameDiffEnergy.FILE_FORMAT.equals(format)) {
            throw new IOException(file + " is not a " + SameDiffEnergy.FILE_FORMAT + " file (energy.format = "
                    + format + ")");
        }
        String version = contents.metadata().get("energy.format_version");
        if (!Integer.toString(SameDiffEnergy.FILE_FORMAT_VERSION).equals(version)) {
            throw new IOException(file + " has energy.format_version " + version + "; this ebm-nn reads version "
                    + SameDiffEnergy.FILE_FORMAT_VERSION);
        }
        return contents;
    }
}
