namespace EdgeWatch.Worker.Tests.Support;

/// <summary>
/// A throw-away CA and a server certificate it signed for localhost / 127.0.0.1 (subjectAltName), made with the
/// openssl command line tool; shared by the tests of one class, deleted afterwards.
/// </summary>
public sealed class TestCertificates : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("tls");

    public string CaFile => _directory.File("ca.crt");

    public string ServerCertFile => _directory.File("server.crt");

    public string ServerKeyFile => _directory.File("server.key");

    public async Task InitializeAsync()
    {
        string caKey = _directory.File("ca.key");
        string csr = _directory.File("server.csr");
        string extensions = _directory.File("server.ext");
        await File.WriteAllTextAsync(extensions, string.Join('\n',
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature",
            "extendedKeyUsage=serverAuth",
            string.Empty));

        await ExternalProcess.RunCheckedAsync("openssl",
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", caKey, "-out", CaFile, "-days", "2", "-subj", "/CN=EdgeWatch test CA");
        await ExternalProcess.RunCheckedAsync("openssl",
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", ServerKeyFile, "-out", csr, "-subj", "/CN=localhost");
        await ExternalProcess.RunCheckedAsync("openssl",
            "x509", "-req", "-in", csr, "-CA", CaFile, "-CAkey", caKey, "-CAcreateserial",
            "-out", ServerCertFile, "-days", "2", "-extfile", extensions);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _directory.Dispose();
}
