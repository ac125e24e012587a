using EdgeWatch.Pipeline.Interop.OpenVino.Handles;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// Builds pre- and post-processing into a model with OpenVINO's PrePostProcessor: an input plan in front of one input
/// and float32 at every output, so the device does the conversions and EdgeWatch always reads float32 (or float16 from
/// a plugin that ignores the request, which the request converts).
/// </summary>
internal static unsafe class OvPrePostProcessor
{
    /// <summary>A new model with the processing built in; <paramref name="model"/> is left as it was.</summary>
    public static OvModelHandle Build(OvApi api, OvModelHandle model, OvElementTypeTable types, OvInputPlan plan, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(plan);
        IntPtr pointer;
        OvStatus.Check(api, api.PrePostProcessorCreate(model.DangerousGetHandle(), &pointer), "ov_preprocess_prepostprocessor_create");
        using var processor = OvPrePostProcessorHandle.Adopt(api, pointer);

        BuildInput(api, processor, types, plan);
        for (var i = 0; i < outputCount; i++)
        {
            BuildOutput(api, processor, types, i);
        }

        IntPtr built;
        OvStatus.Check(api, api.PrePostProcessorBuild(processor.DangerousGetHandle(), &built), "ov_preprocess_prepostprocessor_build");
        GC.KeepAlive(model);
        return OvModelHandle.Adopt(api, built);
    }

    private static void BuildInput(OvApi api, OvPrePostProcessorHandle processor, OvElementTypeTable types, OvInputPlan plan)
    {
        IntPtr pointer;
        OvStatus.Check(api, api.PrePostProcessorGetInputInfoByIndex(processor.DangerousGetHandle(), (nuint)plan.InputIndex, &pointer),
            "ov_preprocess_prepostprocessor_get_input_info_by_index");
        using var input = OvInputInfoHandle.Adopt(api, pointer);

        OvStatus.Check(api, api.InputInfoGetTensorInfo(input.DangerousGetHandle(), &pointer), "ov_preprocess_input_info_get_tensor_info");
        using (var tensor = OvInputTensorInfoHandle.Adopt(api, pointer))
        {
            var tensorInfo = tensor.DangerousGetHandle();
            OvStatus.Check(api, api.InputTensorInfoSetElementType(tensorInfo, types[plan.TensorElementType]),
                "ov_preprocess_input_tensor_info_set_element_type");
            if (plan.TensorLayout is not null)
            {
                using var layout = CreateLayout(api, plan.TensorLayout);
                OvStatus.Check(api, api.InputTensorInfoSetLayout(tensorInfo, layout.DangerousGetHandle()), "ov_preprocess_input_tensor_info_set_layout");
            }

            if (plan.TensorColor is { } color)
            {
                OvStatus.Check(api, api.InputTensorInfoSetColorFormat(tensorInfo, (int)color), "ov_preprocess_input_tensor_info_set_color_format");
            }
        }

        OvStatus.Check(api, api.InputInfoGetPreprocessSteps(input.DangerousGetHandle(), &pointer), "ov_preprocess_input_info_get_preprocess_steps");
        using (var steps = OvPreprocessStepsHandle.Adopt(api, pointer))
        {
            var stepsPointer = steps.DangerousGetHandle();
            if (plan.ConvertColorTo is { } target)
            {
                OvStatus.Check(api, api.PreprocessStepsConvertColor(stepsPointer, (int)target), "ov_preprocess_preprocess_steps_convert_color");
            }

            if (plan.ConvertElementTo is { } element)
            {
                OvStatus.Check(api, api.PreprocessStepsConvertElementType(stepsPointer, types[element]),
                    "ov_preprocess_preprocess_steps_convert_element_type");
            }

            if (plan.Mean is { } mean)
            {
                OvStatus.Check(api, api.PreprocessStepsMean(stepsPointer, mean), "ov_preprocess_preprocess_steps_mean");
            }

            if (plan.Scale is { } scale)
            {
                OvStatus.Check(api, api.PreprocessStepsScale(stepsPointer, scale), "ov_preprocess_preprocess_steps_scale");
            }
        }

        if (plan.ModelLayout is not null)
        {
            OvStatus.Check(api, api.InputInfoGetModelInfo(input.DangerousGetHandle(), &pointer), "ov_preprocess_input_info_get_model_info");
            using var modelInfo = OvInputModelInfoHandle.Adopt(api, pointer);
            using var layout = CreateLayout(api, plan.ModelLayout);
            OvStatus.Check(api, api.InputModelInfoSetLayout(modelInfo.DangerousGetHandle(), layout.DangerousGetHandle()),
                "ov_preprocess_input_model_info_set_layout");
        }
    }

    private static void BuildOutput(OvApi api, OvPrePostProcessorHandle processor, OvElementTypeTable types, int index)
    {
        IntPtr pointer;
        OvStatus.Check(api, api.PrePostProcessorGetOutputInfoByIndex(processor.DangerousGetHandle(), (nuint)index, &pointer),
            "ov_preprocess_prepostprocessor_get_output_info_by_index");
        using var output = OvOutputInfoHandle.Adopt(api, pointer);
        OvStatus.Check(api, api.OutputInfoGetTensorInfo(output.DangerousGetHandle(), &pointer), "ov_preprocess_output_info_get_tensor_info");
        using var tensor = OvOutputTensorInfoHandle.Adopt(api, pointer);
        OvStatus.Check(api, api.OutputSetElementType(tensor.DangerousGetHandle(), types[OvElementType.F32]), "ov_preprocess_output_set_element_type");
    }

    private static OvLayoutHandle CreateLayout(OvApi api, string description)
    {
        IntPtr layout;
        fixed (byte* text = NativeText.NullTerminated(description))
        {
            OvStatus.Check(api, api.LayoutCreate(text, &layout), "ov_layout_create");
        }

        return OvLayoutHandle.Adopt(api, layout);
    }
}
