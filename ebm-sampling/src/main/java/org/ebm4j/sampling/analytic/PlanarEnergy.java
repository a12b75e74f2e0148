package org.ebm4j.sampling.analytic;

import org.ebm4j.api.energy.EnergyFunction;
import org.ebm4j.api.energy.EnergyGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the 2-D analytic energies: the formula is written per point in double precision and evaluated over the
 * batch in one Java loop. For 2-D targets this is exact to double precision (special functions included) and, for
 * batches up to ~10⁵ points, faster than the dozen native calls a tensor expression would take; results are
 * returned in the data type of the input.
 */
public abstract class PlanarEnergy implements EnergyFunction {

    private static final long[] SHAPE = {2};

    @Override
    public final long[] sampleShape() {
        return SHAPE.clone();
    }

    /**
     * @param x first coordinate
     * @param y second coordinate
     * @param gradient where to write (∂E/∂x, ∂E/∂y), or null when only the energy is wanted
     * @return E(x, y)
     */
    protected abstract double energyAt(double x, double y, double[] gradient);

    @Override
    public INDArray energy(INDArray x) {
        checkBatch("x", x);
        double[] xy = doubles(x);
        int n = xy.length / 2;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = energyAt(xy[2 * i], xy[2 * i + 1], null);
        }
        return Nd4j.createFromArray(e).castTo(x.dataType());
    }

    @Override
    public EnergyGradient energyAndGradient(INDArray x) {
        INDArray e = Nd4j.create(x.dataType(), x.size(0));
        INDArray g = Nd4j.create(x.dataType(), x.size(0), 2);
        energyAndGradient(x, e, g);
        return new EnergyGradient(e, g);
    }

    @Override
    public void energyAndGradient(INDArray x, INDArray energyOut, INDArray gradientOut) {
        checkBatch("x", x);
        double[] xy = doubles(x);
        int n = xy.length / 2;
        double[] e = new double[n];
        double[] g = new double[2 * n];
        double[] point = new double[2];
        for (int i = 0; i < n; i++) {
            e[i] = energyAt(xy[2 * i], xy[2 * i + 1], point);
            g[2 * i] = point[0];
            g[2 * i + 1] = point[1];
        }
        write(e, energyOut);
        write(g, gradientOut);
    }

    /** Copies {@code values} (C order) into {@code out}, directly into its buffer when it is a plain double array. */
    private static void write(double[] values, INDArray out) {
        if (out.dataType() == DataType.DOUBLE && !out.isView() && out.ordering() == 'c'
                && out.data().length() == values.length) {
            out.data().setData(values);
        } else {
            out.assign(Nd4j.createFromArray(values).reshape(out.shape()).castTo(out.dataType()));
        }
    }

    /** @return the entries of {@code x} in C order as doubles. */
    static double[] doubles(INDArray x) {
        INDArray c = x.dataType() == DataType.DOUBLE ? x : x.castTo(DataType.DOUBLE);
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        return c.data().asDouble();
    }
}
