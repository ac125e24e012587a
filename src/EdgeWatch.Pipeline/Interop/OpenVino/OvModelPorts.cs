using System.Globalization;
using EdgeWatch.Pipeline.Interop.OpenVino.Handles;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>Reads a model's inputs and outputs: names, element types and (partial) shapes.</summary>
internal static unsafe class OvModelPorts
{
    public static IReadOnlyList<OvPortInfo> Inputs(OvApi api, OvModelHandle model, OvElementTypeTable types) => Describe(api, model, types, inputs: true);

    public static IReadOnlyList<OvPortInfo> Outputs(OvApi api, OvModelHandle model, OvElementTypeTable types) => Describe(api, model, types, inputs: false);

    private static List<OvPortInfo> Describe(OvApi api, OvModelHandle model, OvElementTypeTable types, bool inputs)
    {
        var pointer = model.DangerousGetHandle();
        nuint count;
        OvStatus.Check(api, inputs ? api.ModelInputsSize(pointer, &count) : api.ModelOutputsSize(pointer, &count),
            inputs ? "ov_model_inputs_size" : "ov_model_outputs_size");
        var ports = new List<OvPortInfo>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            IntPtr port;
            OvStatus.Check(api, inputs ? api.ModelConstInputByIndex(pointer, i, &port) : api.ModelConstOutputByIndex(pointer, i, &port),
                inputs ? "ov_model_const_input_by_index" : "ov_model_const_output_by_index");
            using var portHandle = OvPortHandle.Adopt(api, port);
            ports.Add(new OvPortInfo(ReadName(api, port, inputs, (int)i), ReadElementType(api, port, types), ReadShape(api, port)));
        }

        GC.KeepAlive(model);
        return ports;
    }

    private static string ReadName(OvApi api, IntPtr port, bool input, int index)
    {
        byte* name = null;
        // An IR tensor may have no name at all; the runtime then fails this call. Fall back to the position.
        return api.PortGetAnyName(port, &name) == 0
            ? OvCore.TakeString(api, name)
            : string.Create(CultureInfo.InvariantCulture, $"{(input ? "input" : "output")}{index}");
    }

    private static OvElementType ReadElementType(OvApi api, IntPtr port, OvElementTypeTable types)
    {
        int type;
        OvStatus.Check(api, api.PortGetElementType(port, &type), "ov_port_get_element_type");
        return types.FromNative(type);
    }

    private static long[] ReadShape(OvApi api, IntPtr port)
    {
        OvPartialShape shape = default;
        OvStatus.Check(api, api.PortGetPartialShape(port, &shape), "ov_port_get_partial_shape");
        try
        {
            if (!shape.Rank.IsStatic)
            {
                return [];
            }

            var dims = new long[shape.Rank.Max];
            for (var i = 0; i < dims.Length; i++)
            {
                dims[i] = shape.Dims[i].IsStatic ? shape.Dims[i].Max : -1;
            }

            return dims;
        }
        finally
        {
            api.PartialShapeFree(&shape);
        }
    }
}
