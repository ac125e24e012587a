using System.Runtime.InteropServices;

namespace EdgeWatch.Pipeline.Interop.OpenVino;

/// <summary>
/// The OpenVINO 2.0 C API functions EdgeWatch calls, resolved by name from one loaded <c>libopenvino_c.so</c>.
/// </summary>
/// <remarks>
/// Signatures follow the 2022.3 headers (src/bindings/c/include/openvino/c/*.h); each field has the C declaration beside
/// it. They are unchanged in later releases for these functions. Every <c>ov_status_e</c>-returning call goes through
/// <see cref="OvStatus"/>. A missing required symbol fails the load with its name; the optional ones are null when the
/// runtime lacks them (<c>ov_get_last_err_msg</c> came in 2023.2; single-value mean/scale in the 2022.3 cycle).
/// </remarks>
internal sealed unsafe class OvApi
{
    // ---- version, core (ov_core.h, ov_common.h)

    // ov_status_e ov_get_openvino_version(ov_version_t* version)
    public readonly delegate* unmanaged<OvVersion*, int> GetOpenVinoVersion;
    // void ov_version_free(ov_version_t* version)
    public readonly delegate* unmanaged<OvVersion*, void> VersionFree;
    // ov_status_e ov_core_create(ov_core_t** core)
    public readonly delegate* unmanaged<IntPtr*, int> CoreCreate;
    // void ov_core_free(ov_core_t* core)
    public readonly delegate* unmanaged<IntPtr, void> CoreFree;
    // ov_status_e ov_core_read_model(const ov_core_t* core, const char* model_path, const char* bin_path, ov_model_t** model)
    public readonly delegate* unmanaged<IntPtr, byte*, byte*, IntPtr*, int> CoreReadModel;

    // ov_status_e ov_core_compile_model(const ov_core_t* core, const ov_model_t* model, const char* device_name,
    //                                   const size_t property_args_size, ov_compiled_model_t** compiled_model, ...)
    // The one C function is bound three times, with 0, 1 and 2 key/value pairs after the fixed arguments. Calling a
    // variadic function through a non-variadic pointer is sound here because every argument is a pointer or a size_t:
    // - SysV x86-64 passes variadic integer-class arguments exactly like named ones (rdi, rsi, rdx, rcx, r8, r9, then
    //   8-byte stack slots), and va_arg reads them back from the same places. The one extra rule, %al = number of vector
    //   registers used, only tells the callee's prologue whether to spill xmm0-7 into its save area (GCC and Clang test
    //   it for zero); a non-variadic call leaves %al unspecified, which at worst costs those spills. No float is passed.
    // - AAPCS64 as used on Linux passes variadic arguments like named ones too (x0-x7, then 8-byte stack slots); unlike
    //   Apple's arm64 ABI, which puts all variadic arguments on the stack, so this binding is Linux-only on arm64.
    // - 32-bit ARM (armhf) passes every argument of a variadic call in r0-r3 then the stack, the same places as for a
    //   non-variadic call with only integer and pointer arguments.
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, int> CoreCompileModel;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, byte*, byte*, int> CoreCompileModel1;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, byte*, byte*, byte*, byte*, int> CoreCompileModel2;

    // ov_status_e ov_core_get_property(const ov_core_t* core, const char* device_name, const char* property_key, char** property_value)
    public readonly delegate* unmanaged<IntPtr, byte*, byte*, byte**, int> CoreGetProperty;
    // ov_status_e ov_core_get_available_devices(const ov_core_t* core, ov_available_devices_t* devices)
    public readonly delegate* unmanaged<IntPtr, OvAvailableDevices*, int> CoreGetAvailableDevices;
    // void ov_available_devices_free(ov_available_devices_t* devices)
    public readonly delegate* unmanaged<OvAvailableDevices*, void> AvailableDevicesFree;
    // void ov_free(const char* content)
    public readonly delegate* unmanaged<byte*, void> Free;
    // const char* ov_get_error_info(ov_status_e status)   (optional)
    public readonly delegate* unmanaged<int, byte*> GetErrorInfo;
    // const char* ov_get_last_err_msg(void)   (optional: 2023.2 and later)
    public readonly delegate* unmanaged<byte*> GetLastErrorMessage;

    // ---- model and ports (ov_model.h, ov_node.h, ov_partial_shape.h)

    // void ov_model_free(ov_model_t* model)
    public readonly delegate* unmanaged<IntPtr, void> ModelFree;
    // ov_status_e ov_model_inputs_size(const ov_model_t* model, size_t* input_size)
    public readonly delegate* unmanaged<IntPtr, nuint*, int> ModelInputsSize;
    // ov_status_e ov_model_outputs_size(const ov_model_t* model, size_t* output_size)
    public readonly delegate* unmanaged<IntPtr, nuint*, int> ModelOutputsSize;
    // ov_status_e ov_model_const_input_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** input_port)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, int> ModelConstInputByIndex;
    // ov_status_e ov_model_const_output_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** output_port)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, int> ModelConstOutputByIndex;
    // ov_status_e ov_port_get_any_name(const ov_output_const_port_t* port, char** tensor_name)
    public readonly delegate* unmanaged<IntPtr, byte**, int> PortGetAnyName;
    // ov_status_e ov_port_get_partial_shape(const ov_output_const_port_t* port, ov_partial_shape_t* partial_shape)
    public readonly delegate* unmanaged<IntPtr, OvPartialShape*, int> PortGetPartialShape;
    // ov_status_e ov_port_get_element_type(const ov_output_const_port_t* port, ov_element_type_e* tensor_type)
    public readonly delegate* unmanaged<IntPtr, int*, int> PortGetElementType;
    // void ov_output_const_port_free(ov_output_const_port_t* port)
    public readonly delegate* unmanaged<IntPtr, void> OutputConstPortFree;
    // void ov_partial_shape_free(ov_partial_shape_t* partial_shape)
    public readonly delegate* unmanaged<OvPartialShape*, void> PartialShapeFree;

    // ---- compiled model (ov_compiled_model.h)

    // ov_status_e ov_compiled_model_create_infer_request(const ov_compiled_model_t* compiled_model, ov_infer_request_t** infer_request)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> CompiledModelCreateInferRequest;
    // ov_status_e ov_compiled_model_get_property(const ov_compiled_model_t* compiled_model, const char* property_key, char** property_value)
    public readonly delegate* unmanaged<IntPtr, byte*, byte**, int> CompiledModelGetProperty;
    // void ov_compiled_model_free(ov_compiled_model_t* compiled_model)
    public readonly delegate* unmanaged<IntPtr, void> CompiledModelFree;

    // ---- pre/post-processing (ov_prepostprocess.h, ov_layout.h)

    // ov_status_e ov_preprocess_prepostprocessor_create(const ov_model_t* model, ov_preprocess_prepostprocessor_t** preprocess)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> PrePostProcessorCreate;
    // void ov_preprocess_prepostprocessor_free(ov_preprocess_prepostprocessor_t* preprocess)
    public readonly delegate* unmanaged<IntPtr, void> PrePostProcessorFree;
    // ov_status_e ov_preprocess_prepostprocessor_get_input_info_by_index(const ov_preprocess_prepostprocessor_t* preprocess,
    //                                                                     const size_t tensor_index, ov_preprocess_input_info_t** preprocess_input_info)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, int> PrePostProcessorGetInputInfoByIndex;
    // void ov_preprocess_input_info_free(ov_preprocess_input_info_t* preprocess_input_info)
    public readonly delegate* unmanaged<IntPtr, void> InputInfoFree;
    // ov_status_e ov_preprocess_input_info_get_tensor_info(const ov_preprocess_input_info_t* preprocess_input_info,
    //                                                      ov_preprocess_input_tensor_info_t** preprocess_input_tensor_info)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> InputInfoGetTensorInfo;
    // void ov_preprocess_input_tensor_info_free(ov_preprocess_input_tensor_info_t* preprocess_input_tensor_info)
    public readonly delegate* unmanaged<IntPtr, void> InputTensorInfoFree;
    // ov_status_e ov_preprocess_input_tensor_info_set_element_type(ov_preprocess_input_tensor_info_t* preprocess_input_tensor_info,
    //                                                              const ov_element_type_e element_type)
    public readonly delegate* unmanaged<IntPtr, int, int> InputTensorInfoSetElementType;
    // ov_status_e ov_preprocess_input_tensor_info_set_layout(ov_preprocess_input_tensor_info_t* preprocess_input_tensor_info, ov_layout_t* layout)
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> InputTensorInfoSetLayout;
    // ov_status_e ov_preprocess_input_tensor_info_set_color_format(ov_preprocess_input_tensor_info_t* preprocess_input_tensor_info,
    //                                                              const ov_color_format_e colorFormat)
    public readonly delegate* unmanaged<IntPtr, int, int> InputTensorInfoSetColorFormat;
    // ov_status_e ov_preprocess_input_info_get_preprocess_steps(const ov_preprocess_input_info_t* preprocess_input_info,
    //                                                           ov_preprocess_preprocess_steps_t** preprocess_input_steps)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> InputInfoGetPreprocessSteps;
    // void ov_preprocess_preprocess_steps_free(ov_preprocess_preprocess_steps_t* preprocess_input_process_steps)
    public readonly delegate* unmanaged<IntPtr, void> PreprocessStepsFree;
    // ov_status_e ov_preprocess_preprocess_steps_convert_element_type(ov_preprocess_preprocess_steps_t* preprocess_input_process_steps,
    //                                                                 const ov_element_type_e element_type)
    public readonly delegate* unmanaged<IntPtr, int, int> PreprocessStepsConvertElementType;
    // ov_status_e ov_preprocess_preprocess_steps_convert_color(ov_preprocess_preprocess_steps_t* preprocess_input_process_steps,
    //                                                          const ov_color_format_e colorFormat)
    public readonly delegate* unmanaged<IntPtr, int, int> PreprocessStepsConvertColor;
    // ov_status_e ov_preprocess_preprocess_steps_mean(ov_preprocess_preprocess_steps_t* preprocess_input_process_steps, float value)
    // One value for every channel: the per-channel *_multi_channels variants only appeared in 2025. Optional.
    public readonly delegate* unmanaged<IntPtr, float, int> PreprocessStepsMean;
    // ov_status_e ov_preprocess_preprocess_steps_scale(ov_preprocess_preprocess_steps_t* preprocess_input_process_steps, float value)
    // Divides by the value. Optional, like mean.
    public readonly delegate* unmanaged<IntPtr, float, int> PreprocessStepsScale;
    // ov_status_e ov_preprocess_input_info_get_model_info(ov_preprocess_input_info_t* preprocess_input_info,
    //                                                     ov_preprocess_input_model_info_t** preprocess_input_model_info)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> InputInfoGetModelInfo;
    // void ov_preprocess_input_model_info_free(ov_preprocess_input_model_info_t* preprocess_input_model_info)
    public readonly delegate* unmanaged<IntPtr, void> InputModelInfoFree;
    // ov_status_e ov_preprocess_input_model_info_set_layout(ov_preprocess_input_model_info_t* preprocess_input_model_info, ov_layout_t* layout)
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> InputModelInfoSetLayout;
    // ov_status_e ov_preprocess_prepostprocessor_get_output_info_by_index(const ov_preprocess_prepostprocessor_t* preprocess,
    //                                                                      const size_t tensor_index, ov_preprocess_output_info_t** preprocess_output_info)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, int> PrePostProcessorGetOutputInfoByIndex;
    // void ov_preprocess_output_info_free(ov_preprocess_output_info_t* preprocess_output_info)
    public readonly delegate* unmanaged<IntPtr, void> OutputInfoFree;
    // ov_status_e ov_preprocess_output_info_get_tensor_info(const ov_preprocess_output_info_t* preprocess_output_info,
    //                                                       ov_preprocess_output_tensor_info_t** preprocess_output_tensor_info)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> OutputInfoGetTensorInfo;
    // void ov_preprocess_output_tensor_info_free(ov_preprocess_output_tensor_info_t* preprocess_output_tensor_info)
    public readonly delegate* unmanaged<IntPtr, void> OutputTensorInfoFree;
    // ov_status_e ov_preprocess_output_set_element_type(ov_preprocess_output_tensor_info_t* preprocess_output_tensor_info,
    //                                                   const ov_element_type_e element_type)
    public readonly delegate* unmanaged<IntPtr, int, int> OutputSetElementType;
    // ov_status_e ov_preprocess_prepostprocessor_build(const ov_preprocess_prepostprocessor_t* preprocess, ov_model_t** model)
    public readonly delegate* unmanaged<IntPtr, IntPtr*, int> PrePostProcessorBuild;
    // ov_status_e ov_layout_create(const char* layout_desc, ov_layout_t** layout)
    public readonly delegate* unmanaged<byte*, IntPtr*, int> LayoutCreate;
    // void ov_layout_free(ov_layout_t* layout)
    public readonly delegate* unmanaged<IntPtr, void> LayoutFree;

    // ---- shapes and tensors (ov_shape.h, ov_tensor.h)

    // ov_status_e ov_shape_create(const int64_t rank, const int64_t* dims, ov_shape_t* shape)
    public readonly delegate* unmanaged<long, long*, OvShape*, int> ShapeCreate;
    // ov_status_e ov_shape_free(ov_shape_t* shape)
    public readonly delegate* unmanaged<OvShape*, int> ShapeFree;
    // ov_status_e ov_tensor_create_from_host_ptr(const ov_element_type_e type, const ov_shape_t shape, void* host_ptr, ov_tensor_t** tensor)
    // ov_shape_t goes by value: 16 bytes of integer class, i.e. two registers on x86-64 and arm64.
    public readonly delegate* unmanaged<int, OvShape, void*, IntPtr*, int> TensorCreateFromHostPtr;
    // ov_status_e ov_tensor_data(const ov_tensor_t* tensor, void** data)
    public readonly delegate* unmanaged<IntPtr, void**, int> TensorData;
    // ov_status_e ov_tensor_get_shape(const ov_tensor_t* tensor, ov_shape_t* shape)
    public readonly delegate* unmanaged<IntPtr, OvShape*, int> TensorGetShape;
    // ov_status_e ov_tensor_get_element_type(const ov_tensor_t* tensor, ov_element_type_e* type)
    public readonly delegate* unmanaged<IntPtr, int*, int> TensorGetElementType;
    // ov_status_e ov_tensor_get_byte_size(const ov_tensor_t* tensor, size_t* byte_size)
    public readonly delegate* unmanaged<IntPtr, nuint*, int> TensorGetByteSize;
    // void ov_tensor_free(ov_tensor_t* tensor)
    public readonly delegate* unmanaged<IntPtr, void> TensorFree;

    // ---- infer requests (ov_infer_request.h)

    // ov_status_e ov_infer_request_set_input_tensor_by_index(ov_infer_request_t* infer_request, const size_t idx, const ov_tensor_t* tensor)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, int> InferRequestSetInputTensorByIndex;
    // ov_status_e ov_infer_request_get_output_tensor_by_index(const ov_infer_request_t* infer_request, const size_t idx, ov_tensor_t** tensor)
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, int> InferRequestGetOutputTensorByIndex;
    // ov_status_e ov_infer_request_start_async(ov_infer_request_t* infer_request)
    public readonly delegate* unmanaged<IntPtr, int> InferRequestStartAsync;
    // ov_status_e ov_infer_request_wait(ov_infer_request_t* infer_request)
    public readonly delegate* unmanaged<IntPtr, int> InferRequestWait;
    // ov_status_e ov_infer_request_wait_for(ov_infer_request_t* infer_request, const int64_t timeout)
    // Bound but deliberately not used for hang detection: some 2022 builds return OK when the timeout expires.
    public readonly delegate* unmanaged<IntPtr, long, int> InferRequestWaitFor;
    // ov_status_e ov_infer_request_set_callback(ov_infer_request_t* infer_request, const ov_callback_t* callback)
    public readonly delegate* unmanaged<IntPtr, OvCallback*, int> InferRequestSetCallback;
    // ov_status_e ov_infer_request_cancel(ov_infer_request_t* infer_request)
    public readonly delegate* unmanaged<IntPtr, int> InferRequestCancel;
    // void ov_infer_request_free(ov_infer_request_t* infer_request)
    public readonly delegate* unmanaged<IntPtr, void> InferRequestFree;

    public OvApi(IntPtr library, string loadedFrom)
    {
        LoadedFrom = loadedFrom;
        var resolver = new Resolver(library, loadedFrom);

        GetOpenVinoVersion = (delegate* unmanaged<OvVersion*, int>)resolver.Require("ov_get_openvino_version");
        VersionFree = (delegate* unmanaged<OvVersion*, void>)resolver.Require("ov_version_free");
        CoreCreate = (delegate* unmanaged<IntPtr*, int>)resolver.Require("ov_core_create");
        CoreFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_core_free");
        CoreReadModel = (delegate* unmanaged<IntPtr, byte*, byte*, IntPtr*, int>)resolver.Require("ov_core_read_model");
        var compile = resolver.Require("ov_core_compile_model");
        CoreCompileModel = (delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, int>)compile;
        CoreCompileModel1 = (delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, byte*, byte*, int>)compile;
        CoreCompileModel2 = (delegate* unmanaged<IntPtr, IntPtr, byte*, nuint, IntPtr*, byte*, byte*, byte*, byte*, int>)compile;
        CoreGetProperty = (delegate* unmanaged<IntPtr, byte*, byte*, byte**, int>)resolver.Require("ov_core_get_property");
        CoreGetAvailableDevices = (delegate* unmanaged<IntPtr, OvAvailableDevices*, int>)resolver.Require("ov_core_get_available_devices");
        AvailableDevicesFree = (delegate* unmanaged<OvAvailableDevices*, void>)resolver.Require("ov_available_devices_free");
        Free = (delegate* unmanaged<byte*, void>)resolver.Require("ov_free");
        GetErrorInfo = (delegate* unmanaged<int, byte*>)resolver.Optional("ov_get_error_info");
        GetLastErrorMessage = (delegate* unmanaged<byte*>)resolver.Optional("ov_get_last_err_msg");

        ModelFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_model_free");
        ModelInputsSize = (delegate* unmanaged<IntPtr, nuint*, int>)resolver.Require("ov_model_inputs_size");
        ModelOutputsSize = (delegate* unmanaged<IntPtr, nuint*, int>)resolver.Require("ov_model_outputs_size");
        ModelConstInputByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr*, int>)resolver.Require("ov_model_const_input_by_index");
        ModelConstOutputByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr*, int>)resolver.Require("ov_model_const_output_by_index");
        PortGetAnyName = (delegate* unmanaged<IntPtr, byte**, int>)resolver.Require("ov_port_get_any_name");
        PortGetPartialShape = (delegate* unmanaged<IntPtr, OvPartialShape*, int>)resolver.Require("ov_port_get_partial_shape");
        PortGetElementType = (delegate* unmanaged<IntPtr, int*, int>)resolver.Require("ov_port_get_element_type");
        OutputConstPortFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_output_const_port_free");
        PartialShapeFree = (delegate* unmanaged<OvPartialShape*, void>)resolver.Require("ov_partial_shape_free");

        CompiledModelCreateInferRequest = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_compiled_model_create_infer_request");
        CompiledModelGetProperty = (delegate* unmanaged<IntPtr, byte*, byte**, int>)resolver.Require("ov_compiled_model_get_property");
        CompiledModelFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_compiled_model_free");

        PrePostProcessorCreate = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_prepostprocessor_create");
        PrePostProcessorFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_prepostprocessor_free");
        PrePostProcessorGetInputInfoByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr*, int>)resolver.Require("ov_preprocess_prepostprocessor_get_input_info_by_index");
        InputInfoFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_input_info_free");
        InputInfoGetTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_input_info_get_tensor_info");
        InputTensorInfoFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_input_tensor_info_free");
        InputTensorInfoSetElementType = (delegate* unmanaged<IntPtr, int, int>)resolver.Require("ov_preprocess_input_tensor_info_set_element_type");
        InputTensorInfoSetLayout = (delegate* unmanaged<IntPtr, IntPtr, int>)resolver.Require("ov_preprocess_input_tensor_info_set_layout");
        InputTensorInfoSetColorFormat = (delegate* unmanaged<IntPtr, int, int>)resolver.Require("ov_preprocess_input_tensor_info_set_color_format");
        InputInfoGetPreprocessSteps = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_input_info_get_preprocess_steps");
        PreprocessStepsFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_preprocess_steps_free");
        PreprocessStepsConvertElementType = (delegate* unmanaged<IntPtr, int, int>)resolver.Require("ov_preprocess_preprocess_steps_convert_element_type");
        PreprocessStepsConvertColor = (delegate* unmanaged<IntPtr, int, int>)resolver.Require("ov_preprocess_preprocess_steps_convert_color");
        PreprocessStepsMean = (delegate* unmanaged<IntPtr, float, int>)resolver.Optional("ov_preprocess_preprocess_steps_mean");
        PreprocessStepsScale = (delegate* unmanaged<IntPtr, float, int>)resolver.Optional("ov_preprocess_preprocess_steps_scale");
        InputInfoGetModelInfo = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_input_info_get_model_info");
        InputModelInfoFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_input_model_info_free");
        InputModelInfoSetLayout = (delegate* unmanaged<IntPtr, IntPtr, int>)resolver.Require("ov_preprocess_input_model_info_set_layout");
        PrePostProcessorGetOutputInfoByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr*, int>)resolver.Require("ov_preprocess_prepostprocessor_get_output_info_by_index");
        OutputInfoFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_output_info_free");
        OutputInfoGetTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_output_info_get_tensor_info");
        OutputTensorInfoFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_preprocess_output_tensor_info_free");
        OutputSetElementType = (delegate* unmanaged<IntPtr, int, int>)resolver.Require("ov_preprocess_output_set_element_type");
        PrePostProcessorBuild = (delegate* unmanaged<IntPtr, IntPtr*, int>)resolver.Require("ov_preprocess_prepostprocessor_build");
        LayoutCreate = (delegate* unmanaged<byte*, IntPtr*, int>)resolver.Require("ov_layout_create");
        LayoutFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_layout_free");

        ShapeCreate = (delegate* unmanaged<long, long*, OvShape*, int>)resolver.Require("ov_shape_create");
        ShapeFree = (delegate* unmanaged<OvShape*, int>)resolver.Require("ov_shape_free");
        TensorCreateFromHostPtr = (delegate* unmanaged<int, OvShape, void*, IntPtr*, int>)resolver.Require("ov_tensor_create_from_host_ptr");
        TensorData = (delegate* unmanaged<IntPtr, void**, int>)resolver.Require("ov_tensor_data");
        TensorGetShape = (delegate* unmanaged<IntPtr, OvShape*, int>)resolver.Require("ov_tensor_get_shape");
        TensorGetElementType = (delegate* unmanaged<IntPtr, int*, int>)resolver.Require("ov_tensor_get_element_type");
        TensorGetByteSize = (delegate* unmanaged<IntPtr, nuint*, int>)resolver.Require("ov_tensor_get_byte_size");
        TensorFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_tensor_free");

        InferRequestSetInputTensorByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr, int>)resolver.Require("ov_infer_request_set_input_tensor_by_index");
        InferRequestGetOutputTensorByIndex = (delegate* unmanaged<IntPtr, nuint, IntPtr*, int>)resolver.Require("ov_infer_request_get_output_tensor_by_index");
        InferRequestStartAsync = (delegate* unmanaged<IntPtr, int>)resolver.Require("ov_infer_request_start_async");
        InferRequestWait = (delegate* unmanaged<IntPtr, int>)resolver.Require("ov_infer_request_wait");
        InferRequestWaitFor = (delegate* unmanaged<IntPtr, long, int>)resolver.Require("ov_infer_request_wait_for");
        InferRequestSetCallback = (delegate* unmanaged<IntPtr, OvCallback*, int>)resolver.Require("ov_infer_request_set_callback");
        InferRequestCancel = (delegate* unmanaged<IntPtr, int>)resolver.Require("ov_infer_request_cancel");
        InferRequestFree = (delegate* unmanaged<IntPtr, void>)resolver.Require("ov_infer_request_free");
    }

    /// <summary>Where the library was loaded from.</summary>
    public string LoadedFrom { get; }

    /// <summary>Whether the runtime can subtract a mean and divide by a scale in the graph (one value for all channels).</summary>
    public bool HasMeanAndScale => PreprocessStepsMean != null && PreprocessStepsScale != null;

    /// <summary>Reads a NUL-terminated UTF-8 string owned by the library.</summary>
    public static string? ReadUtf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((IntPtr)text);

    private readonly struct Resolver(IntPtr library, string loadedFrom)
    {
        public IntPtr Require(string name) => NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new EntryPointNotFoundException(
                $"{loadedFrom} does not export {name}: not an OpenVINO 2022.3-or-later C API library (libopenvino_c.so)");

        public IntPtr Optional(string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : IntPtr.Zero;
    }
}
