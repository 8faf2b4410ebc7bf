using Fabric.Chaincode.Contracts;
using PharmaSettlement.Domain;
using PharmaSettlement.Internal;

namespace PharmaSettlement.Contracts;

/// <summary>Drug products (GTIN, NDC, name, strength, dosage form), registered by their manufacturer.</summary>
[Contract(Name = "Products", Title = "Drug products")]
internal sealed class ProductsContract : PharmaContract
{
    /// <summary>Registers a product; the caller's organization becomes its manufacturer.</summary>
    [Transaction]
    public async Task<Product> RegisterAsync(ChaincodeContext context, ProductRegistration product)
    {
        var ledger = Ledger;
        var caller = await Access.RequireAsync(context, ledger, StaffRole.Serialization, OrganizationRole.Manufacturer).ConfigureAwait(false);
        if (product is null)
        {
            throw Refusals.Invalid("product", "is required.");
        }

        var registered = Product.Create(product, caller.MspId, ledger.Now);
        if (await ledger.ExistsAsync(Keys.Product(registered.Gtin)).ConfigureAwait(false))
        {
            throw Refusals.Conflict($"Product {registered.Gtin} is already registered.");
        }

        await ledger.PutAsync(Keys.Product(registered.Gtin), registered).ConfigureAwait(false);
        ledger.Emit(EventNames.ProductRegistered, new { registered.Gtin, registered.Ndc, registered.Manufacturer });
        return registered;
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Product> GetAsync(ChaincodeContext context, string gtin)
    {
        var ledger = Ledger;
        await Access.RequireMemberAsync(context, ledger).ConfigureAwait(false);
        return await RequireProductAsync(ledger, Gs1.NormalizeGtin(gtin)).ConfigureAwait(false);
    }

    internal static Task<Product> RequireProductAsync(Ledger ledger, string gtin) =>
        ledger.RequireAsync<Product>(Keys.Product(gtin), "Product", gtin);

    /// <summary>The product, which must be manufactured by <paramref name="manufacturer"/> (403 otherwise).</summary>
    internal static async Task<Product> RequireOwnProductAsync(Ledger ledger, string gtin, string manufacturer)
    {
        var product = await RequireProductAsync(ledger, gtin).ConfigureAwait(false);
        return product.Manufacturer == manufacturer
            ? product
            : throw Refusals.Forbidden($"Product {gtin} is manufactured by another organization.");
    }
}
